package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet dry run records its start in the audit log before any tenant runs, as a deploy does: one killed with
 * {@code kill -9} (a real process, its tenant held in the middle of a migration by an advisory lock the test holds)
 * still shows who started it on which tenants.
 */
class CliDryRunAuditIT {
    /** The dry run waits for the test's lock for as long as the test holds it, not the 2 s default. */
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("dryRun:\n  lockTimeout: 10m\n");
    /** The advisory lock V3 waits for: unique, as other runs of this test may share the server. */
    final long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(3);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__gated.sql", "SELECT pg_advisory_xact_lock(" + key + ");\nALTER TABLE notes ADD COLUMN owner INT;\n");
    }

    @Test
    void a_dry_run_killed_while_it_runs_has_its_start_in_the_audit_log_with_who_and_which_tenants() throws Exception {
        try (Connection holder = FleetSetup.connect();
             Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            Process dryRun = fleet.start("dry-run", "--all", "--concurrency", "1");
            FleetSetup.awaitAdvisoryLockWaiter(statement, key);

            dryRun.destroyForcibly();

            assertThat(dryRun.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<JsonNode> entries = entries(fleet.run("audit", "--action", "dry-run", "--json").json());

        assertThat(entries).as("its start; no end, as it was killed").singleElement().satisfies(started -> {
            assertThat(started.get("action").asText()).isEqualTo("dry-run.started");
            assertThat(started.get("outcome").asText()).isEqualTo("ok");
            assertThat(started.get("details").asText()).startsWith("3 tenant(s): t00,t01,t02; --all; mode auto");
            assertThat(started.get("user").asText()).isEqualTo(System.getenv().getOrDefault("USER",
                    System.getProperty("user.name")));
        });
    }

    @Test
    void a_dry_run_that_ends_records_its_start_then_its_outcome_with_the_tenant_it_ran_on() {
        assertThat(fleet.run("dry-run", "--group", "odd", "--json").exitCode()).isZero();

        List<JsonNode> entries = entries(fleet.run("audit", "--action", "dry-run", "--json").json());

        assertThat(entries).extracting(e -> e.get("action").asText()).as("newest first")
                .containsExactly("dry-run.finished", "dry-run.started");
        assertThat(entries).extracting(e -> e.get("tenant").asText()).containsOnly("t01");
        assertThat(entries.get(1).get("details").asText()).isEqualTo("1 tenant(s): t01; --group odd; mode auto");
        assertThat(entries.get(0).get("details").asText()).startsWith("1 tenant(s): 1 ");
    }

    private static List<JsonNode> entries(JsonNode audit) {
        return StreamSupport.stream(audit.at("/data/entries").spliterator(), false).toList();
    }
}
