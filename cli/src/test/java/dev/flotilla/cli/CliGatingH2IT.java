package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI pipeline gating on {@code plan --fail-on} and {@code status --fleet --fail-on}, over a fleet of H2 schemas (each
 * statement commits by itself, as on MariaDB): {@code current} up to date, {@code behind} with version 2 pending,
 * {@code broken} where version 2 failed and stays recorded as failed.
 */
class CliGatingH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:gating_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    private String config;

    @BeforeEach
    void fleetWithATenantUpToDateOneBehindAndOneFailed() throws Exception {
        config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"),
                List.of("behind", "broken", "current"));
        assertThat(run("deploy", "--all", "--yes").exitCode()).isZero();
        Files.writeString(temp.resolve("migrations/V2__tags.sql"), "CREATE TABLE tags (id INT);\n", StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"broken\".tags (id INT)"); // V2 meets it there: "already exists"
        }
        assertThat(run("deploy", "--tenants", "broken,current", "--yes", "--continue-on-error").exitCode()).isEqualTo(1);
    }

    @Test
    void plan_fails_on_pending_migrations_only_when_asked() {
        CliRun plain = run("plan", "--tenants", "behind,current", "--json");
        CliRun gated = run("plan", "--tenants", "behind,current", "--fail-on", "pending", "--json");
        CliRun upToDate = run("plan", "--tenants", "current", "--fail-on", "any");

        assertThat(plain.exitCode()).as(plain.out()).isZero();
        assertThat(gated.exitCode()).as(gated.out()).isEqualTo(1);
        assertThat(gated.json().at("/ok").asBoolean()).isFalse();
        assertThat(gated.json().at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("MIGRATIONS_PENDING");
            assertThat(error.get("tenant").asText()).isEqualTo("behind");
            assertThat(error.get("message").asText()).contains("behind", "2");
        });
        assertThat(upToDate.exitCode()).as(upToDate.out() + upToDate.err()).isZero();
    }

    @Test
    void status_of_the_fleet_fails_on_what_the_pipeline_names_failed_pending_or_any() {
        assertThat(run("plan", "--all").exitCode()).as("broken is blocked").isEqualTo(1);

        CliRun plain = run("status", "--fleet", "--json");
        CliRun failed = run("status", "--fleet", "--fail-on", "failed", "--json");
        CliRun pending = run("status", "--fleet", "--fail-on", "pending", "--json");
        CliRun any = run("status", "--fleet", "--fail-on", "any", "--json");
        CliRun text = run("status", "--fleet", "--fail-on", "failed");
        CliRun healthy = run("status", "--fleet", "--tenants", "current", "--fail-on", "any");

        assertThat(plain.exitCode()).as("as last seen, nothing fails it unasked").isZero();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.json().at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("TENANT_FAILED");
            assertThat(error.get("tenant").asText()).isEqualTo("broken");
        });
        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.json().at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("MIGRATIONS_PENDING");
            assertThat(error.get("tenant").asText()).isEqualTo("behind");
        });
        assertThat(any.json().at("/errors").findValuesAsText("tenant")).containsExactlyInAnyOrder("behind", "broken");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("[TENANT_FAILED] broken");
        assertThat(healthy.exitCode()).as(healthy.out() + healthy.err()).isZero();
    }

    @Test
    void a_value_of_fail_on_that_names_nothing_is_bad_usage() {
        CliRun plan = run("plan", "--all", "--fail-on", "drift");
        CliRun status = run("status", "--fleet", "--fail-on", "blocked");

        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.err()).contains("--fail-on", "pending, failed or any");
        assertThat(status.exitCode()).isEqualTo(2);
    }

    @Test
    void plan_and_status_of_the_fleet_share_status_pending_count_and_versions() {
        JsonNode plan = tenant(run("plan", "--all", "--json").json(), "behind");
        JsonNode live = tenant(run("status", "--fleet", "--live", "--json").json(), "behind");
        JsonNode lastSeen = tenant(run("status", "--fleet", "--json").json(), "behind");

        assertThat(plan.get("status").asText()).isEqualTo(plan.get("state").asText()).isEqualTo("pending");
        assertThat(plan.get("pendingCount").asInt()).isEqualTo(1);
        assertThat(plan.get("pendingVersions").toString()).isEqualTo(plan.get("pending").toString()).isEqualTo("[\"2\"]");
        assertThat(live.get("status").asText()).isEqualTo("pending");
        assertThat(live.get("pendingCount").asInt()).isEqualTo(live.get("pending").asInt()).isEqualTo(1);
        assertThat(live.get("pendingVersions").toString()).isEqualTo("[\"2\"]");
        assertThat(lastSeen.get("pendingCount").asInt()).isEqualTo(1);
        assertThat(lastSeen.get("pendingVersions").isNull()).as("not known without reading the target").isTrue();
    }

    @Test
    void plan_says_the_pending_migrations_of_a_tenant_it_cannot_read_are_unknown_not_none() {
        CliRun add = run("tenants", "add", "gone", "--url", "jdbc:postgresql://127.0.0.1:9/nowhere");
        assertThat(add.exitCode()).as(add.err()).isZero();

        JsonNode plan = tenant(run("plan", "--all", "--json").json(), "gone");
        CliRun text = run("plan", "--tenants", "gone");

        assertThat(plan.get("status").asText()).isEqualTo("unreachable");
        assertThat(plan.get("pending").isNull()).as(plan.toString()).isTrue();
        assertThat(plan.get("pendingCount").isNull()).isTrue();
        assertThat(plan.get("pendingVersions").isNull()).isTrue();
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out().lines().filter(line -> line.startsWith("gone"))).singleElement().asString()
                .containsPattern("gone +unreachable +- +unknown ");
    }

    @Test
    void a_tenant_whose_migration_failed_counts_it_as_pending_and_plan_and_live_status_both_call_it_blocked() {
        JsonNode afterDeploy = tenant(run("status", "--fleet", "--json").json(), "broken");
        JsonNode plan = tenant(run("plan", "--all", "--json").json(), "broken");
        JsonNode live = tenant(run("status", "--fleet", "--live", "--json").json(), "broken");

        assertThat(afterDeploy.get("status").asText()).isEqualTo("failed");
        assertThat(afterDeploy.get("pending").isNumber()).as(afterDeploy.toString()).isTrue();
        assertThat(afterDeploy.get("pending").asInt()).as("version 2 failed: still to apply").isEqualTo(1);
        assertThat(plan.get("status").asText()).isEqualTo("blocked");
        assertThat(live.get("status").asText()).as(live.toString()).isEqualTo(plan.get("status").asText());
        assertThat(live.get("pending").asInt()).isEqualTo(plan.get("pendingCount").asInt()).isEqualTo(1);
    }

    private static JsonNode tenant(JsonNode document, String id) {
        for (JsonNode tenant : document.at("/data/tenants")) {
            if (tenant.get("id").asText().equals(id)) {
                return tenant;
            }
        }
        throw new AssertionError(id + " is not in " + document);
    }

    private CliRun run(String... args) {
        return CliRun.withConfig(Map.of(), Path.of(config), args);
    }
}
