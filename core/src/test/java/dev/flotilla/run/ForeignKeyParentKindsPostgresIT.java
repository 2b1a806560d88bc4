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
 * What PostgreSQL takes as a parent: a table or a partitioned table; a view or a materialized view it refuses whatever
 * its columns and indexes ({@code referenced relation "v" is not a table}).
 */
class ForeignKeyParentKindsPostgresIT extends PostgresFleetTest {
    /** Each refused by PostgreSQL 15. */
    private static final List<String> REFUSED = List.of(
            "CREATE TABLE a (customer_id INT REFERENCES customer_names (id))",
            "CREATE TABLE b (customer_id INT REFERENCES customer_counts (id))");

    private TenantTarget tenant(MigrationFolder migrations) throws Exception {
        return oneTenant(migrations.path(), "CREATE TABLE {schema}.customers (id INT PRIMARY KEY, name TEXT)",
                "CREATE VIEW {schema}.customer_names AS SELECT id, name FROM {schema}.customers",
                "CREATE MATERIALIZED VIEW {schema}.customer_counts AS SELECT id, count(*) AS n FROM {schema}.customers"
                        + " GROUP BY id",
                "CREATE UNIQUE INDEX ON {schema}.customer_counts (id)",
                "CREATE TABLE {schema}.events (id INT, at DATE, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE {schema}.events_2026 PARTITION OF {schema}.events FOR VALUES FROM ('2026-01-01') TO"
                        + " ('2027-01-01')");
    }

    @Test
    void a_key_to_a_view_or_a_materialized_view_blocks_the_tenant_as_not_a_table() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                String.join(";\n", REFUSED) + ";\nCREATE VIEW recent AS SELECT id FROM customers;\n"
                        + "CREATE TABLE c (customer_id INT REFERENCES recent (id));\n"));

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));

        assertThat(plans.get(0).problems()).extracting(Problem::message).satisfiesExactly(
                a -> assertThat(a).contains("statement 1: its foreign key a (customer_id) -> customer_names (id) cannot be"
                        + " added", ": it references customer_names, which is a view, not a table: PostgreSQL refuses it"
                        + " (referenced relation \"customer_names\" is not a table). Reference the table it reads instead"),
                b -> assertThat(b).contains("statement 2:", "it references customer_counts, which is a materialized view,"
                        + " not a table"),
                c -> assertThat(c).contains("statement 4:", "it references recent, which is a view, not a table"));
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "SET search_path TO \"" + tenant.target().schema() + "\"");
            for (String statement : REFUSED) {
                assertThatThrownBy(() -> Jdbc.execute(c, statement)).as(statement).isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*referenced relation \"customer_\\w+\" is not a table.*");
            }
        }
    }

    @Test
    void keys_to_a_partitioned_table_deploy() throws Exception {
        TenantTarget tenant = tenant(new MigrationFolder(temp.resolve("m")).write("V1__keys.sql",
                "CREATE TABLE visits (event_id INT, event_at DATE, FOREIGN KEY (event_id, event_at) REFERENCES events (id, at));\n"
                        + "CREATE TABLE notes (event_id INT, event_at DATE, FOREIGN KEY (event_id, event_at) REFERENCES events);\n"));

        List<TenantPlan> plans = fleet.planner().plan(List.of(tenant));
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));

        assertThat(plans.get(0).problems()).isEmpty();
        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED);
    }
}
