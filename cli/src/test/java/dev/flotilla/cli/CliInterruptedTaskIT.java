package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deploy killed with SIGKILL while a statement of its second migration waits for a lock the test holds (PostgreSQL):
 * {@code deployments show} then tells what the dead process did, from the target's history and the backup catalog, and
 * keeps the log lines the task had written.
 */
class CliInterruptedTaskIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh(FleetSetup.QUICK_HEARTBEAT);
    long key;

    @BeforeEach
    void setUp() throws Exception {
        key = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        fleet.migration("V2__tags.sql", "SELECT pg_advisory_xact_lock(" + key + ");\n"
                + "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
        fleet.addTenants(1);
    }

    /** Starts the deploy, waits until V2's statement waits for the lock the test holds, kills it and waits until it is interrupted. */
    private String killedInV2(Map<String, String> environment) throws Exception {
        try (Connection holder = FleetSetup.connect();
             Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            // Its V2 waits for the lock longer than the test takes to kill it, however loaded the machine.
            Map<String, String> patient = new java.util.HashMap<>(environment);
            patient.put("FLOTILLA_DEPLOY_LOCK_TIMEOUT", "5m");
            Process deploy = fleet.start(patient, "deploy", "--all", "--yes");
            BufferedReader out = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8));
            String id = Programs.nextLine(deploy, out, 60).split(" ")[1];
            FleetSetup.awaitAdvisoryLockWaiter(statement, key);
            awaitLog(id, "V1__notes.sql: applied");
            SeenCommits.awaitWritten(fleet.folder, id); // the lines show saw are in the file: the kill keeps them
            deploy.destroyForcibly();
            assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).isTrue();
            awaitInterrupted(id);
            return id;
        }
    }

    /** Polls until the plane has the line in the task's log: the plane's writer commits what it is given every 100 ms. */
    private void awaitLog(String id, String line) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fleet.run("deployments", "show", id, "--json").json().at("/data/tasks/0/log").asText().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the task's log does not say " + line + " within 30 s");
            }
        }
    }

    /** Polls the list (not show, which would read the interrupted task's history) until the deployment is interrupted. */
    private void awaitInterrupted(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fleet.run("deployments", "list", "--json").json().at("/data/deployments/0/status").asText()
                .equals("interrupted")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is not interrupted within 30 s of its process's kill");
            }
        }
    }

    @Test
    void a_task_killed_mid_statement_shows_the_versions_its_history_has_its_backup_its_log_and_an_interrupted_error()
            throws Exception {
        // Tables already there (no history yet): there is something to back up before V1.
        fleet.sql("CREATE SCHEMA " + fleet.schema("t00"));
        fleet.sql("CREATE TABLE " + fleet.schema("t00") + ".legacy (id INT)");
        String id = killedInV2(Map.of("FLOTILLA_DEPLOY_BACKUP", "true"));

        CliRun shown = fleet.run("deployments", "show", id, "--json");
        JsonNode task = shown.json().at("/data/tasks/0");

        assertThat(shown.exitCode()).as(shown.out() + shown.err()).isZero();
        assertThat(task.get("status").asText()).isEqualTo("interrupted");
        assertThat(task.get("applied")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(task.get("errorCode").asText()).isEqualTo("INTERRUPTED");
        assertThat(task.get("error").asText()).contains("stopped at", "history shows 1 applied", "nothing after them",
                "the backup taken before it: " + fleet.folder.toRealPath(), "flotilla deploy --resume " + id);
        assertThat(task.get("log").asText()).as("written before the kill").contains("backup " + fleet.folder.toRealPath(),
                "V1__notes.sql: applied");
        assertThat(task.get("log").asText()).contains("interrupted (read from the history table)");
        assertThat(shown.out() + shown.err()).doesNotContain(FleetSetup.SECRET);
    }

    /**
     * The deploy's process in the westmost time zone (UTC-12): its history times, wall-clock times of that zone, would read
     * in any other zone (this test's JVM's, where {@code show} runs) as written before its task started.
     */
    @Test
    void a_look_from_another_time_zone_shows_what_a_task_killed_in_its_own_applied() throws Exception {
        String id = killedInV2(Map.of("TZ", "Etc/GMT+12"));

        JsonNode task = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks/0");

        assertThat(java.time.ZoneId.systemDefault().getRules().getOffset(java.time.Instant.now()).getTotalSeconds())
                .as("the look's zone").isGreaterThan(-12 * 3600);
        assertThat(task.get("applied")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(task.get("error").asText()).contains("history shows 1 applied");
    }

    @Test
    void what_was_read_for_an_interrupted_task_is_recorded_once_and_a_resume_counts_each_version_once() throws Exception {
        String id = killedInV2(Map.of());
        JsonNode first = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks/0");
        fleet.sql("ALTER TABLE " + fleet.schema("t00") + ".tenant_migrations RENAME TO hidden_migrations");
        CliRun again = fleet.run("deployments", "show", id, "--json");
        fleet.sql("ALTER TABLE " + fleet.schema("t00") + ".hidden_migrations RENAME TO tenant_migrations");
        CliRun resumed = fleet.run("deploy", "--resume", id, "--yes", "--json");
        JsonNode after = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks/0");

        assertThat(first.get("applied")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(again.json().at("/data/tasks/0")).as("not read again: the history is hidden now").isEqualTo(first);
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(after.get("status").asText()).isEqualTo("succeeded");
        assertThat(after.get("applied")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(after.get("error").isNull()).isTrue();
    }

    @Test
    void a_history_that_cannot_be_read_is_said_and_read_again_at_the_next_show() throws Exception {
        String id = killedInV2(Map.of());
        CliRun unreachable;
        // The history table locked by the test: the read of it gives up after the lock timeout.
        try (Connection locker = FleetSetup.connect();
             Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE " + fleet.schema("t00") + ".tenant_migrations IN ACCESS EXCLUSIVE MODE");
            // Its read gives up after the deploy's lock timeout: 1 s here, not the 5 s default, for the test to wait.
            Map<String, String> impatient = new java.util.HashMap<>(fleet.env);
            impatient.put("FLOTILLA_DEPLOY_LOCK_TIMEOUT", "1s");
            unreachable = CliRun.withConfig(impatient, fleet.config, "deployments", "show", id, "--json");
            locker.rollback();
        }
        JsonNode later = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks/0");

        assertThat(unreachable.exitCode()).as(unreachable.out() + unreachable.err()).isZero();
        JsonNode task = unreachable.json().at("/data/tasks/0");
        assertThat(task.get("applied")).isEmpty();
        assertThat(task.get("errorCode").asText()).isEqualTo("INTERRUPTED");
        assertThat(task.get("error").asText()).contains("could not be read now", "LOCK_TIMEOUT");
        assertThat(unreachable.err()).contains("t00: ", "could not be read now");
        assertThat(unreachable.out() + unreachable.err()).doesNotContain(FleetSetup.SECRET);
        assertThat(later.get("applied")).extracting(JsonNode::asText).containsExactly("1");
    }
}
