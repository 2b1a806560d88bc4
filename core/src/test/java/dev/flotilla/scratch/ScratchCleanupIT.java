package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dry-run --cleanup} drops the scratch databases a killed dry run left, never one a running dry run is connected
 * to. The test's own databases stand for scratch copies (cleaning every copy on the shared server would take other
 * runs' leftovers with it).
 */
class ScratchCleanupIT {
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_scratch_database_with_an_open_session_is_skipped_saying_why_and_a_left_one_dropped(String dialect) throws Exception {
        boolean postgres = "postgresql".equals(dialect);
        TargetSpec server = postgres ? TestDatabases.postgres(null) : TestDatabases.mariadb(null);
        String used = "fxms_" + TestDatabases.uniqueName();
        String left = "fxms_" + TestDatabases.uniqueName();
        try (Connection admin = TargetSession.connectToServerOnly(server)) {
            Jdbc.execute(admin, "CREATE DATABASE " + used);
            Jdbc.execute(admin, "CREATE DATABASE " + left);
            try (Connection running = postgres
                    ? TargetSession.connectToServer(new TargetSpec(PgDump.withDatabase(server.url(), used), server.user(), null, null, null))
                    : TargetSession.connectToServerOnly(server)) {
                if (!postgres) {
                    Jdbc.execute(running, "USE " + used);
                }

                ScratchCleanup.Result result = ScratchCleanup.dropUnused(server, List.of(used, left));

                assertThat(result.dropped()).containsExactly(left);
                assertThat(result.skipped()).singleElement().satisfies(s -> {
                    assertThat(s.name()).isEqualTo(used);
                    assertThat(s.reason()).contains("1 open session(s)", "a dry run is using it");
                });
                assertThat(exists(admin, postgres, used)).as("the running dry run keeps its copy").isTrue();
                assertThat(exists(admin, postgres, left)).isFalse();
            }
            // A server notes a closed session a moment later: polled, with a deadline.
            long deadline = System.nanoTime() + 10_000_000_000L;
            List<String> dropped = ScratchCleanup.dropUnused(server, List.of(used)).dropped();
            while (dropped.isEmpty() && System.nanoTime() < deadline) {
                dropped = ScratchCleanup.dropUnused(server, List.of(used)).dropped();
            }
            assertThat(dropped).as("once its dry run has ended").containsExactly(used);
        } finally {
            try (Connection admin = TargetSession.connectToServerOnly(server)) {
                Jdbc.execute(admin, "DROP DATABASE IF EXISTS " + used);
                Jdbc.execute(admin, "DROP DATABASE IF EXISTS " + left);
            }
        }
    }

    /** A user's database named with the prefix alone is theirs: the cleanup neither lists nor drops it, idle as it is. */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_users_database_named_with_the_scratch_prefix_is_never_found_nor_dropped(String dialect) throws Exception {
        boolean postgres = "postgresql".equals(dialect);
        TargetSpec server = postgres ? TestDatabases.postgres(null) : TestDatabases.mariadb(null);
        String users = "flotilla_dry_archive_" + TestDatabases.uniqueName();
        String made = ScratchNames.next(); // this process's, running: no other test JVM's cleanup drops it
        try (Connection admin = TargetSession.connectToServerOnly(server)) {
            Jdbc.execute(admin, "CREATE DATABASE " + users);
            Jdbc.execute(admin, "CREATE DATABASE " + made);

            List<String> found = ScratchCleanup.find(server);
            // What --cleanup drops of what it found, these two alone: other runs' leftovers on the shared server stay.
            ScratchCleanup.dropUnused(server, found.stream().filter(n -> n.equals(users) || n.equals(made)).toList());

            assertThat(found).contains(made).doesNotContain(users);
            assertThat(exists(admin, postgres, users)).as("the user's database, idle, is kept").isTrue();
            assertThat(exists(admin, postgres, made)).as("this process's, not open here: left over, dropped").isFalse();
        } finally {
            try (Connection admin = TargetSession.connectToServerOnly(server)) {
                Jdbc.execute(admin, "DROP DATABASE IF EXISTS " + users);
                Jdbc.execute(admin, "DROP DATABASE IF EXISTS " + made);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_mariadb_user_without_the_process_privilege_keeps_a_copy_it_cannot_tell_is_unused_and_says_what_to_grant()
            throws Exception {
        TargetSpec server = TestDatabases.mariadb(null);
        String user = TestDatabases.uniqueName();
        String used = "fxms_" + TestDatabases.uniqueName();
        TargetSpec asUser = new TargetSpec(server.url(), user, null, null, null);
        try (Connection admin = TargetSession.connectToServerOnly(server)) {
            for (String host : List.of("%", "localhost")) {
                Jdbc.execute(admin, "CREATE USER '" + user + "'@'" + host + "'");
                Jdbc.execute(admin, "GRANT SELECT, DROP ON *.* TO '" + user + "'@'" + host + "'");
            }
            Jdbc.execute(admin, "CREATE DATABASE " + used);
            try (Connection otherUsersDryRun = TargetSession.connectToServerOnly(server)) {
                Jdbc.execute(otherUsersDryRun, "USE " + used);

                ScratchCleanup.Result blind = ScratchCleanup.dropUnused(asUser, List.of(used));
                for (String host : List.of("%", "localhost")) {
                    Jdbc.execute(admin, "GRANT PROCESS ON *.* TO '" + user + "'@'" + host + "'");
                }
                ScratchCleanup.Result seeing = ScratchCleanup.dropUnused(asUser, List.of(used));

                assertThat(blind.dropped()).isEmpty();
                assertThat(blind.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains(
                        "without the PROCESS privilege it sees no other user's sessions", "GRANT PROCESS ON *.* TO '" + user + "'@'"));
                assertThat(seeing.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("1 open session(s)"));
                assertThat(exists(admin, false, used)).isTrue();
            }
        } finally {
            try (Connection admin = TargetSession.connectToServerOnly(server)) {
                Jdbc.execute(admin, "DROP DATABASE IF EXISTS " + used);
                Jdbc.execute(admin, "DROP USER IF EXISTS '" + user + "'@'%', '" + user + "'@'localhost'");
            }
        }
    }

    private static boolean exists(Connection admin, boolean postgres, String name) throws Exception {
        return !Jdbc.queryStrings(admin, postgres ? "SELECT datname FROM pg_database WHERE datname = ?"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).isEmpty();
    }
}
