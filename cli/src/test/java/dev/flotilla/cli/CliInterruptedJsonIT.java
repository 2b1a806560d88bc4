package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command run with {@code --json} and ended by SIGTERM or SIGINT still gives stdout its one JSON document: ok false,
 * {@code INTERRUPTED}, with the signal's exit code (a real process; the deploy is held while it plans by a lock the
 * test takes on a tenant's history table, so no deployment exists yet). Where a deployment's own stop path prints the
 * document, a second signal adds none. A deploy that does not end fails the test rather than hanging it.
 */
class CliInterruptedJsonIT {
    @TempDir
    Path temp;
    FleetSetup fleet;

    @AfterEach
    void dropSchemas() throws Exception {
        if (fleet != null) {
            fleet.dropSchemas();
        }
    }

    @Test
    void sigterm_while_a_deploy_plans_prints_one_json_document_with_ok_false_and_exits_143() throws Exception {
        JsonNode document = interruptedWhilePlanning("TERM", 143);
        assertThat(document.at("/errors/0/message").asText()).contains("SIGTERM").contains("deployments list");
    }

    @Test
    void sigint_while_a_deploy_plans_prints_one_json_document_with_ok_false_and_exits_130() throws Exception {
        JsonNode document = interruptedWhilePlanning("INT", 130);
        assertThat(document.at("/errors/0/message").asText()).contains("SIGINT");
    }

    @Test
    void a_second_signal_to_a_json_deployment_prints_one_document_not_two() throws Exception {
        long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        fleet = FleetSetup.heldFleet(temp, key);
        try (Connection holder = FleetSetup.connect(); Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            Process deploy = fleet.start("deploy", "--all", "--yes", "--concurrency", "1", "--json");
            FleetSetup.awaitAdvisoryLockWaiter(statement, key);
            signal(deploy, "TERM");
            fleet.awaitStderr("Stopping: 1 tenant(s) in flight finish");
            signal(deploy, "TERM");

            String out = Programs.outputOnceEnded(deploy, 60);
            assertThat(deploy.exitValue()).as(out + fleet.stderr()).isEqualTo(143);
            JsonNode document = oneDocument(out);
            assertThat(document.at("/command").asText()).isEqualTo("deploy");
            assertThat(document.at("/errors/0/code").asText()).isEqualTo("INTERRUPTED");
        }
    }

    /** Deploys V1..V2, adds V3, holds t00's history table and signals the deploy --json that waits for it. */
    private JsonNode interruptedWhilePlanning(String signal, int exit) throws Exception {
        fleet = new FleetSetup(temp, FleetSetup.QUICK_HEARTBEAT);
        fleet.addTenants(2);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__more.sql", "ALTER TABLE notes ADD COLUMN more INT;\n");
        // Planning waits for the held history table until the signal, however long the machine takes to send it: with the
        // default 5 s its read gave up, and the deploy went on to run t01 and wait on t00 in flight after the signal.
        fleet.waitingLongForLocks();
        String history = "\"" + fleet.schema("t00") + "\".tenant_migrations";
        try (Connection holder = FleetSetup.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE " + history + " IN ACCESS EXCLUSIVE MODE");
            Process deploy = fleet.start("deploy", "--all", "--yes", "--json");
            awaitWaiterOn(statement, history);

            signal(deploy, signal);

            String out = Programs.outputOnceEnded(deploy, 60);
            assertThat(deploy.exitValue()).as(out + fleet.stderr()).isEqualTo(exit);
            holder.rollback();
            JsonNode document = oneDocument(out);
            assertThat(document.at("/command").asText()).isEqualTo("deploy");
            assertThat(document.at("/errors/0/code").asText()).isEqualTo("INTERRUPTED");
            assertThat(out).doesNotContain(FleetSetup.SECRET);
            JsonNode deployments = fleet.run("deployments", "list", "--json").json();
            assertThat(deployments.at("/data/deployments")).as("only the first deploy is recorded").hasSize(1);
            assertThat(fleet.applied("t01")).as("nothing ran").containsExactly("1", "2");
            return document;
        }
    }

    /** {@code out} is exactly one JSON document, ok false. */
    private JsonNode oneDocument(String out) throws Exception {
        var parser = new ObjectMapper().createParser(out);
        JsonNode document = new ObjectMapper().readTree(parser);
        assertThat(document).as("stdout: " + out).isNotNull();
        assertThat(parser.nextToken()).as("one document only: " + out).isNull();
        assertThat(document.at("/ok").asBoolean()).isFalse();
        return document;
    }

    private static void awaitWaiterOn(Statement statement, String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (ResultSet r = statement.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = '"
                    + table.replace("'", "''") + "'::regclass")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the deploy did not wait for " + table + " within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }
}
