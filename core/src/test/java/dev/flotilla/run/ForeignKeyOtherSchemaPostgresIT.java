package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keys whose parent or child is in another schema ({@code REFERENCES shared.companies}, {@code ALTER TABLE shared.visits
 * ADD FOREIGN KEY}), read in the same query as the tenant's: checked on that schema's tables; the tenant's own schema
 * written in another case is the tenant's.
 */
class ForeignKeyOtherSchemaPostgresIT extends PostgresFleetTest {
    private final String shared = TestDatabases.uniqueName() + "_shared";

    /** Before the fleet's schemas are ({@link PostgresFleetTest#drop}). */
    @AfterEach
    void dropShared() throws SQLException {
        if (fleet != null) {
            try (Connection c = TestDatabases.connect(fleet.targets().get(0).target())) {
                Jdbc.execute(c, "DROP SCHEMA IF EXISTS \"" + shared + "\" CASCADE");
            }
        }
    }

    /** {@code sql} with {@code SHARED} the other schema, {@code OWN} the tenant's own written in upper case. */
    private TenantTarget tenant(String sql) throws Exception {
        MigrationFolder migrations = new MigrationFolder(temp.resolve("m"));
        String other = "\"" + shared + "\"";
        TenantTarget tenant = oneTenant(migrations.path(), "CREATE SCHEMA " + other,
                "CREATE TABLE " + other + ".companies (id INT PRIMARY KEY, code TEXT)",
                "CREATE TABLE " + other + ".visits (customer_ref TEXT)",
                "CREATE TABLE {schema}.customers (id INT PRIMARY KEY)", "CREATE TABLE {schema}.notes (id INT PRIMARY KEY)");
        migrations.write("V1__keys.sql", written(sql, tenant));
        return tenant;
    }

    private String written(String sql, TenantTarget tenant) {
        return sql.replace("SHARED", shared).replace("OWN", tenant.target().schema().toUpperCase(Locale.ROOT));
    }

    @Test
    void keys_to_or_from_another_schemas_tables_are_checked_on_them() throws Exception {
        List<String> refused = List.of(
                "CREATE TABLE a (company_code TEXT REFERENCES SHARED.companies (code))",
                "CREATE TABLE b (company_id TEXT REFERENCES \"SHARED\".companies (id))",
                "ALTER TABLE SHARED.visits ADD FOREIGN KEY (customer_ref) REFERENCES customers (id)",
                "CREATE TABLE c (company_id INT REFERENCES OWN.companies (id))");
        TenantTarget tenant = tenant(String.join(";\n", refused) + ";\n");

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));

        assertThat(deploy.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.FAILED);
        assertThat(deploy.tasks().get(0).toString()).contains("FK_PARENT_MISMATCH", "statement 1:");

        assertThat(plans.get(0).problems()).extracting(Problem::message).satisfiesExactly(
                a -> assertThat(a).contains("statement 1: its foreign key a (company_code) -> " + shared + ".companies"
                        + " (code) cannot be added", "no primary key, unique constraint or unique index of companies is on"
                        + " exactly code"),
                b -> assertThat(b).contains("statement 2:", "b.company_id is text but companies.id is integer"),
                c -> assertThat(c).contains("statement 3: its foreign key visits (customer_ref) -> customers (id)",
                        "visits.customer_ref is text but customers.id is integer"),
                d -> assertThat(d).contains("statement 4:", "it references companies, which "
                        + tenant.target().displayName() + " does not have"));
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "SET search_path TO \"" + tenant.target().schema() + "\"");
            for (String statement : refused) {
                String sql = written(statement, tenant);
                assertThatThrownBy(() -> Jdbc.execute(c, sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageNotContaining("already exists").hasMessageMatching("(?s).*(there is no unique constraint|cannot be implemented|does not exist).*");
            }
        }
    }

    @Test
    void another_schemas_tables_made_by_earlier_statements_are_that_schemas_and_deploy() throws Exception {
        TenantTarget tenant = tenant("CREATE TABLE d (company_id INT REFERENCES SHARED.companies (id));\n"
                + "CREATE TABLE SHARED.branches (id INT PRIMARY KEY);\n"
                + "CREATE TABLE e (branch_id INT REFERENCES SHARED.branches (id));\n"
                + "CREATE TABLE SHARED.notes (id TEXT PRIMARY KEY);\n"
                + "CREATE TABLE f (note_id INT REFERENCES notes (id));\n"
                + "ALTER TABLE SHARED.visits ADD CONSTRAINT visits_code UNIQUE (customer_ref);\n"
                + "CREATE TABLE g (visit_ref TEXT REFERENCES SHARED.visits (customer_ref));\n");

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));

        assertThat(plans.get(0).problems()).isEmpty();
        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED);
    }
}
