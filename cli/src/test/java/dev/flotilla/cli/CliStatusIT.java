package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status on one target while another run applies a migration there, and after it. */
class CliStatusIT {
    private static final String USER = TestDatabases.MARIADB_USER;

    @TempDir
    Path temp;

    @Test
    void a_migration_another_run_is_applying_shows_as_running_not_failed() throws Exception {
        String database = "flc_status_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String gate = database + "_gate";
        String url = TestDatabases.mariadbUrl(database);
        try (Connection test = TestDatabases.connect(TestDatabases.mariadb(null))) {
            test.createStatement().execute("CREATE DATABASE " + database);
            try {
                // The migration's second statement waits for a lock this test holds: it runs for as long as the test
                // says, not for a guessed number of seconds.
                assertThat(queryInt(test, "SELECT GET_LOCK('" + gate + "', 0)")).isEqualTo(1);
                Files.writeString(temp.resolve("V1__gated.sql"), "CREATE TABLE a (id INT);\nDO GET_LOCK('" + gate + "', 120);\n"
                        + "CREATE TABLE b (id INT);\n");
                // Another process, as another run would be.
                Process migrate = new ProcessBuilder(Programs.flotillaCommand(java.util.List.of(),
                        "migrate", "--url", url, "--user", USER, "--migrations", temp.toString()))
                        .redirectErrorStream(true).redirectOutput(temp.resolve("migrate.log").toFile()).start();
                // The condition waited on: the migrate's session is blocked on the gate.
                await(test, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'DO GET_LOCK(%" + gate + "%'",
                        true, migrate, "the migrate's session to wait for the lock " + gate);

                JsonNode during = CliRun.of("status", "--json", "--url", url, "--user", USER, "--migrations", temp.toString()).json();
                CliRun text = CliRun.of("status", "--url", url, "--user", USER, "--migrations", temp.toString());
                test.createStatement().execute("DO RELEASE_LOCK('" + gate + "')");
                assertThat(migrate.waitFor(60, TimeUnit.SECONDS)).isTrue();
                JsonNode after = CliRun.of("status", "--json", "--url", url, "--user", USER, "--migrations", temp.toString()).json();

                assertThat(during.at("/data/migrations/0/state").asText()).as(during.toString()).isEqualTo("running");
                assertThat(during.get("ok").asBoolean()).as("applied now, not failed").isTrue();
                assertThat(text.out()).contains("running", "Another run holds the lock");
                assertThat(migrate.exitValue()).as(Files.readString(temp.resolve("migrate.log"))).isZero();
                assertThat(after.at("/data/migrations/0/state").asText()).isEqualTo("applied");
            } finally {
                test.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    @Test
    void a_migrate_killed_during_a_statement_says_it_may_or_may_not_have_taken_effect_not_that_it_failed() throws Exception {
        String database = "flc_status_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = TestDatabases.mariadbUrl(database);
        String[] target = {"--url", url, "--user", USER, "--migrations", temp.toString()};
        try (Connection test = TestDatabases.connect(TestDatabases.mariadb(null))) {
            test.createStatement().execute("CREATE DATABASE " + database);
            try {
                Files.writeString(temp.resolve("V1__slow.sql"), "CREATE TABLE a (id INT);\n"
                        + "CREATE TABLE slow_t AS SELECT SLEEP(3) AS s;\nCREATE TABLE c (id INT);\n");
                Process migrate = new ProcessBuilder(Programs.flotillaCommand(java.util.List.of(),
                        "migrate", "--url", url, "--user", USER, "--migrations", temp.toString()))
                        .redirectErrorStream(true).redirectOutput(temp.resolve("migrate.log").toFile()).start();
                String running = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'CREATE TABLE slow_t%'"
                        + " AND DB = '" + database + "'";
                await(test, running, true, migrate, "the migrate's session to run CREATE TABLE slow_t");
                migrate.destroyForcibly();
                assertThat(migrate.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // The server finishes the statement its client no longer waits for.
                await(test, running, false, null, "the server to finish CREATE TABLE slow_t after its client was killed");
                assertThat(queryInt(test, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + database
                        + "' AND TABLE_NAME = 'slow_t'")).as("statement 2 finished after the kill").isEqualTo(1);

                CliRun again = CliRun.of(concat("migrate", target));
                CliRun status = CliRun.of(concat("status", target));
                JsonNode json = CliRun.of(concat("status", concat("--json", target))).json();
                CliRun repair = CliRun.of(concat("repair", target));
                CliRun rerun = CliRun.of(concat("repair", concat("--rerun-from-start", target)));

                assertThat(again.exitCode()).isEqualTo(1);
                assertThat(again.out() + again.err()).contains("interrupted on", "during statement 2",
                        "statement 2 may or may not have taken effect", "statement 1 was applied and is still in effect")
                        .doesNotContain("failed on");
                assertThat(status.out()).contains("interrupted during statement 2: it may or may not have taken effect");
                assertThat(status.exitCode()).as("a migration that stops the next migrate fails status").isEqualTo(1);
                assertThat(json.get("ok").asBoolean()).isFalse();
                assertThat(json.at("/errors/0/code").asText()).isEqualTo("FAILED_MIGRATION");
                assertThat(json.at("/data/migrations/0/interrupted").asBoolean()).isTrue();
                assertThat(json.at("/data/migrations/0/failedStatement").asInt()).isEqualTo(2);
                assertThat(repair.exitCode()).as("statement 1 stays applied: not removed unasked").isEqualTo(1);
                assertThat(repair.out() + repair.err()).contains("REPAIR_REFUSED", "was interrupted during statement 2",
                        "statement 1 of it stays applied while statement 2 may or may not have taken effect",
                        "statement 1 (line 1): `CREATE TABLE a (id INT)`", "--rerun-from-start");
                assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
                assertThat(rerun.out()).contains("Removed the interrupted record of version 1 (slow) (its run stopped during"
                        + " statement 2, which may or may not have taken effect, after statement 1)");
            } finally {
                test.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /**
     * Polls {@code sql}'s count every 20 ms until it is non-zero ({@code present}) or zero; fails naming {@code what} it
     * waited for after 60 s, or as soon as {@code migrate} (when given) has ended, with what it wrote.
     */
    private static void await(Connection test, String sql, boolean present, Process migrate, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((queryInt(test, sql) > 0) != present) {
            if (migrate != null && !migrate.isAlive()) {
                throw new AssertionError("waited for " + what + ", but the migrate process ended (exit " + migrate.exitValue()
                        + ") first");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what + ": it did not happen");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static int queryInt(Connection connection, String sql) throws Exception {
        try (ResultSet r = connection.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
