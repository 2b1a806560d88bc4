package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet commands on database-per-tenant fleets of SQLite and H2 files, whose drivers create a file on connecting. */
class CliEmbeddedFleetIT {
    @TempDir
    Path temp;

    @Test
    void a_sqlite_tenant_whose_file_is_gone_is_refused_by_deploy_and_no_file_is_made() throws Exception {
        refuses_a_tenant_whose_file_is_gone(EmbeddedFleet.sqlite(temp));
    }

    @Test
    void an_h2_tenant_whose_file_is_gone_is_refused_by_deploy_and_no_file_is_made() throws Exception {
        refuses_a_tenant_whose_file_is_gone(EmbeddedFleet.h2(temp));
    }

    private void refuses_a_tenant_whose_file_is_gone(EmbeddedFleet fleet) throws Exception {
        fleet.run("tenants", "add", "c");
        assertThat(fleet.run("deploy", "--tenants", "c", "--yes").exitCode()).isZero();
        Files.delete(fleet.file("c"));

        JsonNode deploy = fleet.run("deploy", "--tenants", "c", "--yes", "--json").json();

        assertThat(deploy.get("ok").asBoolean()).isFalse();
        assertThat(deploy.at("/errors/0/code").asText()).isEqualTo("TARGET_MISSING");
        assertThat(deploy.at("/errors/0/message").asText()).contains("database file " + fleet.file("c"), "Nothing was created");
        assertThat(fleet.file("c")).doesNotExist();
    }

    @Test
    void read_only_commands_make_no_sqlite_file_for_a_tenant_never_deployed() throws Exception {
        reads_a_tenant_never_deployed_without_making_its_file(EmbeddedFleet.sqlite(temp));
    }

    @Test
    void read_only_commands_make_no_h2_file_for_a_tenant_never_deployed() throws Exception {
        reads_a_tenant_never_deployed_without_making_its_file(EmbeddedFleet.h2(temp));
    }

    private void reads_a_tenant_never_deployed_without_making_its_file(EmbeddedFleet fleet) throws Exception {
        fleet.run("tenants", "add", "zz");

        CliRun plan = fleet.run("plan", "--tenants", "zz");
        CliRun live = fleet.run("status", "--fleet", "--live", "--tenants", "zz");
        CliRun dryRun = fleet.run("dry-run", "--tenants", "zz");
        CliRun verify = fleet.run("verify", "--tenants", "zz");
        JsonNode drift = fleet.run("drift", "--tenants", "zz", "--json").json();
        CliRun backup = fleet.run("backup", "--tenants", "zz");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("1, 2", "1 pending");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("TARGET_MISSING", "database file " + fleet.file("zz"), "does not exist");
        assertThat(drift.get("ok").asBoolean()).isFalse();
        assertThat(drift.at("/errors/0/code").asText()).isEqualTo("TARGET_MISSING");
        assertThat(drift.at("/data/tenants/0/status").asText()).isEqualTo("unreachable");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("nothing to back up for zz");
        assertThat(fleet.file("zz")).doesNotExist();
        assertThat(Files.list(fleet.folder.resolve("data"))).isEmpty();
    }

    /** A SQLite fleet whose tenant b is deployed, for holding it as another session would. */
    private EmbeddedFleet sqliteFleetWithTenantBDeployed() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "b");
        assertThat(fleet.run("deploy", "--tenants", "b", "--yes").exitCode()).isZero();
        return fleet;
    }

    /** A SQLite tenant another session holds, as {@code BEGIN EXCLUSIVE} in the sqlite3 shell does. */
    private static AutoCloseable holdExclusively(EmbeddedFleet fleet, String tenant) throws Exception {
        Connection holder = fleet.connect(tenant);
        Jdbc.execute(holder, "BEGIN EXCLUSIVE");
        return () -> {
            Jdbc.execute(holder, "ROLLBACK");
            holder.close();
        };
    }

    @Test
    void drift_fails_a_tenant_it_cannot_read_with_its_own_code_without_fail_on_drift() throws Exception {
        EmbeddedFleet fleet = sqliteFleetWithTenantBDeployed();

        CliRun text;
        JsonNode json;
        try (AutoCloseable held = holdExclusively(fleet, "b")) {
            text = fleet.run("drift", "--tenants", "b");
            json = fleet.run("drift", "--tenants", "b", "--json").json();
        }

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("[LOCK_TIMEOUT] b:");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("LOCK_TIMEOUT");
        assertThat(json.at("/errors/0/tenant").asText()).isEqualTo("b");
        assertThat(text.out()).as("locked, as status --fleet says").contains("1 tenant(s) locked", "0 unreachable, 1 locked");
        assertThat(json.at("/data/tenants/0/status").asText()).isEqualTo("locked");
        assertThat(json.at("/data/groups/0/status").asText()).isEqualTo("locked");
    }

    @Test
    void read_commands_call_a_tenant_another_session_holds_locked_and_give_advice_they_can_follow() throws Exception {
        EmbeddedFleet fleet = sqliteFleetWithTenantBDeployed();

        CliRun plan;
        CliRun verify;
        JsonNode planJson;
        JsonNode verifyJson;
        try (AutoCloseable held = holdExclusively(fleet, "b")) {
            plan = fleet.run("plan", "--tenants", "b");
            verify = fleet.run("verify", "--tenants", "b");
            planJson = fleet.run("plan", "--tenants", "b", "--json").json();
            verifyJson = fleet.run("verify", "--tenants", "b", "--json").json();
        }

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.out()).contains("b       locked", "1 tenant(s): 1 locked").doesNotContain("unreachable");
        assertThat(plan.err() + verify.err()).contains("[LOCK_TIMEOUT]", "it is locked", "run again once it has finished")
                .doesNotContain("--lock-wait");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(planJson.at("/data/tenants/0/state").asText()).isEqualTo("locked");
        assertThat(planJson.at("/data/summary/locked").asInt()).isEqualTo(1);
        assertThat(planJson.at("/data/summary/unreachable").asInt()).isZero();
        assertThat(verify.out()).as("verify says it as plan does").contains("locked b: ");
        assertThat(verifyJson.at("/data/tenants/0/status").asText()).isEqualTo("locked");
        assertThat(verifyJson.at("/errors/0/code").asText()).isEqualTo("LOCK_TIMEOUT");
    }

    @Test
    void status_live_shows_a_tenant_another_session_holds_as_locked_not_unreachable() throws Exception {
        EmbeddedFleet fleet = sqliteFleetWithTenantBDeployed();

        CliRun status;
        JsonNode json;
        try (AutoCloseable held = holdExclusively(fleet, "b")) {
            status = fleet.run("status", "--fleet", "--live");
            json = fleet.run("status", "--fleet", "--live", "--json").json();
        }

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("b       locked", "1 tenant(s): 1 locked").doesNotContain("unreachable");
        assertThat(status.err()).contains("[LOCK_TIMEOUT] b:", "it is locked");
        assertThat(json.at("/data/tenants/0/status").asText()).isEqualTo("locked");
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("LOCK_TIMEOUT");
    }

    /** The file lock H2 takes on its file, held as another process holds it (H2 itself shares a file within one JVM). */
    @Test
    void an_h2_tenant_file_open_in_another_process_is_called_locked_with_what_to_do() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.h2(temp);
        fleet.run("tenants", "add", "a");
        assertThat(fleet.run("deploy", "--tenants", "a", "--yes").exitCode()).isZero();

        JsonNode plan;
        try (FileChannel file = FileChannel.open(fleet.file("a"), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = file.lock()) {
            plan = fleet.run("plan", "--tenants", "a", "--json").json();
        }

        assertThat(plan.at("/errors/0/code").asText()).isEqualTo("LOCK_TIMEOUT");
        assertThat(plan.at("/errors/0/message").asText()).contains("is open in another process", "AUTO_SERVER=TRUE")
                .doesNotContain("Check that the server is running");
    }

    @Test
    void a_control_plane_on_a_database_it_cannot_live_in_is_refused_and_nothing_is_made() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        Path plane = temp.resolve("cp.db");

        CliRun sqlite = CliRun.of(Map.of("FLOTILLA_CONTROLPLANE_URL", "jdbc:sqlite:" + plane), "tenants", "list",
                "--config", fleet.config.toString());
        CliRun mariadb = CliRun.of(Map.of("FLOTILLA_CONTROLPLANE_URL", "jdbc:mariadb://127.0.0.1:3306/test"), "status",
                "--fleet", "--config", fleet.config.toString());

        assertThat(sqlite.exitCode()).isEqualTo(2);
        assertThat(sqlite.err()).contains("[BAD_CONFIG]", "only H2", "PostgreSQL", "FLOTILLA_CONTROLPLANE_URL: controlPlane.url")
                .doesNotContain("V1__control_plane.sql");
        assertThat(plane).doesNotExist();
        assertThat(mariadb.exitCode()).isEqualTo(2);
        assertThat(mariadb.err()).contains("[BAD_CONFIG]", "jdbc:mariadb://127.0.0.1:3306/test", "only H2");
    }
}
