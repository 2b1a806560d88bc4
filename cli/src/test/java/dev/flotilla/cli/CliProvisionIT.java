package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** tenants create through the CLI: replay, baseline, refusals, and nothing left behind by a failure. */
class CliProvisionIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    private boolean schemaExists(String tenant) throws Exception {
        try (var c = FleetSetup.connect();
             var rows = c.createStatement().executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + fleet.schema(tenant) + "'")) {
            return rows.next();
        }
    }

    @Test
    void create_replays_every_migration_and_registers_the_tenant_up_to_date() throws Exception {
        CliRun create = fleet.run("tenants", "create", "acme", "--group", "new");
        JsonNode status = fleet.run("status", "--fleet", "--json").json();
        CliRun again = fleet.run("tenants", "create", "acme");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("Created tenant acme", "replayed 2 migration(s)", "at version 2");
        assertThat(fleet.applied("acme")).containsExactly("1", "2");
        assertThat(status.at("/data/tenants/0/status").asText()).isEqualTo("up-to-date");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("registered already");
        assertThat(create.out() + create.err()).doesNotContain(FleetSetup.SECRET);
        assertThat(fleet.filesHoldingTheSecret()).as("control plane and logs on disk").isEmpty();
    }

    @Test
    void a_baseline_is_refused_for_migrations_that_insert_rows_and_leaves_nothing_behind() throws Exception {
        JsonNode refused = fleet.run("tenants", "create", "fast", "--baseline", "--json").json();

        assertThat(refused.at("/errors/0/code").asText()).isEqualTo("BASELINE_REFUSED");
        assertThat(refused.at("/errors/0/message").asText()).contains("V1__notes.sql insert(s) or change(s) rows",
                "nothing was kept");
        assertThat(schemaExists("fast")).isFalse();
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants")).isEmpty();
    }

    @Test
    void a_baseline_builds_the_schema_in_one_step_for_structure_only_migrations() throws Exception {
        fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n");

        JsonNode created = fleet.run("tenants", "create", "fast", "--baseline", "--json").json();
        JsonNode copied = fleet.run("tenants", "create", "copy", "--baseline", "--from-tenant", "fast", "--json").json();

        assertThat(created.get("ok").asBoolean()).as(created.toString()).isTrue();
        assertThat(created.at("/data/baselineVersion").asText()).isEqualTo("2");
        assertThat(copied.at("/data/how").asText()).contains("from tenant fast");
        assertThat(copied.at("/data/fingerprint").asText()).isEqualTo(created.at("/data/fingerprint").asText());
        assertThat(fleet.applied("copy")).containsExactly("1", "2");
    }
}
