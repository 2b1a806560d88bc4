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
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's refusals for what the parent lacks: a primary key where the key names no column, a primary key, unique
 * constraint or unique index of exactly the referenced columns (a partial or expression index does not count).
 */
class ForeignKeyParentKeysPostgresIT extends PostgresFleetTest {
    /** Each refused by PostgreSQL 15. */
    private static final List<String> REFUSED = List.of(
            "CREATE TABLE a (customer_email TEXT REFERENCES customers (email))",
            "CREATE TABLE b (log_id INT REFERENCES logs)",
            "CREATE TABLE c (code TEXT REFERENCES customers (code))",
            "CREATE TABLE d (id INT, email TEXT, FOREIGN KEY (id, email) REFERENCES customers (id, email))");

    private TenantTarget tenant(MigrationFolder migrations) throws Exception {
        return oneTenant(migrations.path(), "CREATE TABLE {schema}.customers (id INT PRIMARY KEY, email TEXT, code TEXT)",
                "CREATE UNIQUE INDEX ON {schema}.customers (email) WHERE email IS NOT NULL",
                "CREATE UNIQUE INDEX ON {schema}.customers (lower(code))",
                "CREATE TABLE {schema}.logs (id INT, code TEXT)");
    }

    @Test
    void a_key_to_no_unique_key_of_its_columns_or_to_a_table_without_primary_key_blocks_the_tenant() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                String.join(";\n", REFUSED) + ";\n"));

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));

        assertThat(plans.get(0).problems()).extracting(Problem::message).satisfiesExactly(
                a -> assertThat(a).contains("statement 1: its foreign key a (customer_email) -> customers (email) cannot be"
                        + " added", "no primary key, unique constraint or unique index of customers is on exactly email (a"
                        + " partial or expression index does not count): PostgreSQL refuses it (there is no unique"
                        + " constraint matching given keys for referenced table customers). Add UNIQUE customers (email)"
                        + " first (in an earlier migration), or reference customers's primary key"),
                b -> assertThat(b).contains("statement 2: its foreign key b (log_id) -> logs cannot be added", "it names"
                        + " no referenced column and logs has no primary key: PostgreSQL refuses it (there is no primary key"
                        + " for referenced table logs). Name the columns of one of its unique keys"),
                c -> assertThat(c).contains("statement 3:", "unique index of customers is on exactly code"),
                d -> assertThat(d).contains("statement 4:", "unique index of customers is on exactly id, email"));
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "SET search_path TO \"" + tenant.target().schema() + "\"");
            for (String statement : REFUSED) {
                assertThatThrownBy(() -> Jdbc.execute(c, statement)).as(statement).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*there is no (unique constraint matching given keys|primary key) for"
                                + " referenced table.*");
            }
        }
    }

    @Test
    void keys_to_a_primary_key_or_unique_keys_there_or_added_before_in_any_column_order_deploy() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                "CREATE TABLE e (customer_id BIGINT REFERENCES customers);\n"
                        + "CREATE UNIQUE INDEX ON customers (code) INCLUDE (email);\n"
                        + "ALTER TABLE logs ADD PRIMARY KEY (id), ADD CONSTRAINT logs_code UNIQUE (code, id);\n"
                        + "CREATE TABLE f (code TEXT REFERENCES customers (code), log_id INT REFERENCES logs,\n"
                        + "  log_code TEXT, FOREIGN KEY (log_id, log_code) REFERENCES logs (id, code));\n"
                        + "CREATE TABLE pairs (a INT, b INT, UNIQUE (b, a));\n"
                        + "CREATE TABLE g (x INT, y INT, FOREIGN KEY (x, y) REFERENCES pairs (a, b));\n"));

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));

        assertThat(plans.get(0).problems()).isEmpty();
        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED);
    }
}
