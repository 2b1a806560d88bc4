package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 000's step 6 on a PostgreSQL fleet: a deployment's results list the tables, indexes and constraints its statements
 * created (and what they dropped), grouped for the deployment in deploy's summary and {@code deployments show}, per
 * tenant in its log, in the JSON of both.
 */
class CliDeploySchemaChangesPostgresIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void a_deployments_results_list_what_its_statements_created_and_dropped() throws Exception {
        fleet.addTenants(2);
        fleet.migration("V3__job_ticket_serial.sql", "CREATE TABLE job_ticket_serial (ticket_id INT, seq INT,"
                + " spawned_at TIMESTAMP);\n");
        fleet.migration("V4__serial_system_integration.sql", """
                ALTER TABLE job_ticket_serial ADD CONSTRAINT uniq_ticket_seq UNIQUE (ticket_id, seq);
                CREATE INDEX idx_ticket_unspawned ON job_ticket_serial (ticket_id) WHERE spawned_at IS NULL;
                CREATE TABLE IF NOT EXISTS serial_link_outbox (id BIGSERIAL PRIMARY KEY, payload TEXT);
                CREATE TABLE token_spawn_log (id BIGSERIAL PRIMARY KEY);
                CREATE TABLE serial_quarantine (id BIGSERIAL PRIMARY KEY);
                INSERT INTO token_spawn_log DEFAULT VALUES;
                """);

        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        String id = FleetSetup.deploymentOf(deploy);

        assertThat(deploy.out()).contains("  Schema changes, as the statements that ran read:\n"
                + "    Tables created: notes, job_ticket_serial, token_spawn_log, serial_quarantine on 2 tenant(s)\n"
                + "    Columns added: notes.tag on 2 tenant(s)\n"
                + "    Indexes added: uniq_ticket_seq, idx_ticket_unspawned on 2 tenant(s)\n"
                + "    Constraints added: uniq_ticket_seq on 2 tenant(s)\n"
                + "    Created or already there: table serial_link_outbox on 2 tenant(s)\n");
        CliRun shown = fleet.run("deployments", "show", id, "--log");
        assertThat(shown.out()).as(shown.err()).contains("Schema changes, as the statements that ran read:\n"
                        + "  Tables created: notes, job_ticket_serial, token_spawn_log, serial_quarantine on 2 tenant(s)\n",
                "  V4__serial_system_integration.sql: applied in ",
                "    tables created: token_spawn_log, serial_quarantine\n"
                        + "    indexes added: uniq_ticket_seq on job_ticket_serial, idx_ticket_unspawned on job_ticket_serial\n"
                        + "    constraints added: uniq_ticket_seq on job_ticket_serial\n"
                        + "    created or already there: table serial_link_outbox\n");
        JsonNode task = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks/1");
        assertThat(task.at("/schemaChanges/tablesCreated").toString())
                .isEqualTo("[\"notes\",\"job_ticket_serial\",\"token_spawn_log\",\"serial_quarantine\"]");
        assertThat(task.at("/schemaChanges/ensured").toString()).as("IF NOT EXISTS: it may have been there")
                .isEqualTo("[\"table serial_link_outbox\"]");
        assertThat(task.at("/schemaChanges/constraintsAdded").toString()).isEqualTo("[\"uniq_ticket_seq\"]");
        assertThat(task.at("/schemaChanges").has("dropped")).as("nothing dropped: left out").isFalse();

        fleet.migration("V5__drop_quarantine.sql", "DROP TABLE serial_quarantine;\nUPDATE notes SET tag = 'x';\n");
        CliRun again = fleet.run("--json", "deploy", "--all", "--yes");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        JsonNode tenant = again.json().at("/data/tenants/0");
        assertThat(tenant.at("/schemaChanges").toString()).as("this deployment's only")
                .isEqualTo("{\"dropped\":[\"table serial_quarantine\"]}");
        CliRun text = fleet.run("deployments", "show", again.json().at("/data/deployment").asText());
        assertThat(text.out()).contains("  Dropped: table serial_quarantine on 2 tenant(s)\n")
                .doesNotContain("Tables created");

        fleet.migration("U5__drop_quarantine.sql", "CREATE TABLE serial_quarantine (id BIGSERIAL PRIMARY KEY);\n");
        CliRun rollback = fleet.run("rollback", "--all", "--steps", "1", "--yes");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).as("what its down files restored, not 'created'")
                .contains("  Schema changes, as the down files' statements that ran read:\n"
                        + "    Tables restored: serial_quarantine on 2 tenant(s)\n")
                .doesNotContain("Tables created");
        CliRun rolledBack = fleet.run("deployments", "show", FleetSetup.deploymentOf(rollback), "--log");
        assertThat(rolledBack.out()).contains("  Tables restored: serial_quarantine on 2 tenant(s)\n",
                "    tables restored: serial_quarantine\n");
    }

    @Test
    void constraints_and_triggers_of_one_name_on_two_tables_are_each_listed_with_its_table() throws Exception {
        fleet.addTenants(1);
        fleet.migration("V3__refunds.sql", """
                CREATE TABLE refunds (id INT PRIMARY KEY, qty INT);
                CREATE TABLE scratch (id INT PRIMARY KEY);
                ALTER TABLE notes ADD CONSTRAINT positive CHECK (id > 0);
                ALTER TABLE refunds ADD CONSTRAINT positive CHECK (qty > 0);
                CREATE TRIGGER stamp BEFORE UPDATE ON refunds FOR EACH ROW
                    EXECUTE FUNCTION suppress_redundant_updates_trigger();
                CREATE TRIGGER stamp BEFORE UPDATE ON notes FOR EACH ROW
                    EXECUTE FUNCTION suppress_redundant_updates_trigger();
                CREATE TRIGGER scratch_stamp BEFORE UPDATE ON scratch FOR EACH ROW
                    EXECUTE FUNCTION suppress_redundant_updates_trigger();
                DROP TABLE scratch;
                """);

        CliRun deploy = fleet.run("--json", "deploy", "--all", "--yes");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        JsonNode changes = deploy.json().at("/data/tenants/0/schemaChanges");
        assertThat(changes.at("/constraintsAdded").toString())
                .isEqualTo("[\"positive on notes\",\"positive on refunds\"]");
        assertThat(changes.at("/triggersAdded").toString()).as("the dropped table's went with it")
                .isEqualTo("[\"stamp on refunds\",\"stamp on notes\"]");
        try (var connection = FleetSetup.connect(); var rows = connection.createStatement().executeQuery(
                "SELECT (SELECT count(*) FROM pg_constraint WHERE conname = 'positive' AND connamespace = '"
                        + fleet.schema("t00") + "'::regnamespace), (SELECT count(*) FROM pg_trigger t JOIN pg_class c"
                        + " ON c.oid = t.tgrelid WHERE c.relnamespace = '" + fleet.schema("t00") + "'::regnamespace)")) {
            rows.next();
            assertThat(List.of(rows.getInt(1), rows.getInt(2))).as("two of each, as listed").containsExactly(2, 2);
        }
    }
}
