package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.CatalogTable;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.TableRead;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What H2 refuses of a foreign key when it is added: a parent or referenced column not there, a view, no primary key
 * or unique constraint of exactly the referenced columns (a unique index does not count); its types it does not
 * compare.
 */
class ForeignKeyPreflightH2IT extends H2FleetTest {
    /** Each refused by H2 2.3. */
    private static final List<String> REFUSED = List.of(
            "CREATE TABLE a (customer_email VARCHAR(20) REFERENCES customers (email))",
            "CREATE TABLE b (log_id INT REFERENCES logs)",
            "CREATE TABLE c (customer_id INT REFERENCES customer_ids (id))",
            "CREATE TABLE d (branch_id INT REFERENCES branches (id))",
            "CREATE TABLE e (customer_ref INT REFERENCES customers (ref))");

    private TenantTarget tenant(String sql) throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("m")).write("V1__keys.sql", sql).path();
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, url, null, "{tenant}", "sa", null, null), migrations, 1);
        TenantTarget tenant = fleet.targets().get(0);
        String schema = "\"" + tenant.target().schema() + "\"";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "CREATE SCHEMA " + schema);
            Jdbc.execute(c, "CREATE TABLE " + schema + ".customers (id INT PRIMARY KEY, email VARCHAR(20), code VARCHAR(20),"
                    + " n INT, CONSTRAINT customer_codes UNIQUE (code, n))");
            Jdbc.execute(c, "CREATE UNIQUE INDEX customer_emails ON " + schema + ".customers (email)");
            Jdbc.execute(c, "CREATE VIEW " + schema + ".customer_ids AS SELECT id FROM " + schema + ".customers");
            Jdbc.execute(c, "CREATE TABLE " + schema + ".logs (id INT NOT NULL, code VARCHAR(20))");
        }
        return tenant;
    }

    @Test
    void a_key_h2_refuses_blocks_the_tenant() throws Exception {
        TenantTarget tenant = tenant(String.join(";\n", REFUSED) + ";\n");

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));

        assertThat(deploy.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.FAILED);
        assertThat(plans.get(0).problems()).extracting(Problem::message).satisfiesExactly(
                a -> assertThat(a).contains("statement 1: its foreign key a (customer_email) -> customers (email) cannot be"
                        + " added", "no primary key or unique constraint of customers is on exactly email (a unique index"
                        + " does not count): H2 refuses it (Constraint \"PRIMARY KEY | UNIQUE (EMAIL)\" not found). Add"
                        + " UNIQUE customers (email) first"),
                b -> assertThat(b).contains("statement 2:", "it names no referenced column and logs has no primary key: H2"
                        + " refuses it"),
                c -> assertThat(c).contains("statement 3:", "it references customer_ids, which is a view, not a table: H2"
                        + " refuses it"),
                d -> assertThat(d).contains("statement 4:", "it references branches, which " + tenant.target().displayName()
                        + " does not have"),
                e -> assertThat(e).contains("statement 5:", "customers has no column ref"));
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "SET SCHEMA \"" + tenant.target().schema() + "\"");
            for (String statement : REFUSED) {
                assertThatThrownBy(() -> Jdbc.execute(c, statement)).as(statement).isInstanceOf(SQLException.class)
                        .hasMessageNotContaining("already exists");
            }
        }
    }

    @Test
    void keys_h2_takes_deploy_whatever_their_types() throws Exception {
        TenantTarget tenant = tenant("CREATE TABLE f (customer_code VARCHAR(10) REFERENCES customers (id));\n"
                + "CREATE TABLE g (n INT, code VARCHAR(20), FOREIGN KEY (n, code) REFERENCES customers (n, code));\n"
                + "CREATE TABLE h (customer_id INT REFERENCES customers);\n"
                + "ALTER TABLE logs ADD PRIMARY KEY (id);\n"
                + "CREATE TABLE i (log_id INT REFERENCES logs);\n");

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));

        assertThat(plans.get(0).problems()).isEmpty();
        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED);
    }

    @Test
    void the_catalog_read_gives_the_keys_of_the_tables_asked_for_them_alone() throws Exception {
        TenantTarget tenant = tenant("CREATE TABLE j (id INT);\n");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            var read = Dialect.forUrl(url).tableColumns(c, tenant.target().schema(), new TableRead(
                    Set.of("customers", "customer_ids", "logs"), Set.of("customers", "customer_ids"), Set.of(), Set.of()))
                    .tables();

            assertThat(read.get("customers").primaryKey()).containsExactly("id");
            assertThat(read.get("customers").uniqueKeys()).containsExactlyInAnyOrder(List.of("id"), List.of("code", "n"));
            assertThat(read.get("customer_ids").notTable()).isEqualTo("view");
            CatalogTable logs = read.get("logs");
            assertThat(logs.types()).containsOnlyKeys("id", "code");
            assertThat(logs.primaryKey()).as("not asked: not known, rather than none").isNull();
            assertThat(logs.uniqueKeys()).isNull();
        }
    }
}
