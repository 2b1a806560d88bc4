package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB target lock not had in time names the session that holds it, so that a dead run's leftover session can
 * be ended; a user without the PROCESS privilege, which cannot see other users' sessions, is told so.
 */
class MariaDbLockHolderIT {
    private final TargetSpec target = TestDatabases.mariadb(TestDatabases.uniqueName());
    private final String user = TestDatabases.uniqueName();

    @AfterEach
    void drop() throws Exception {
        TestDatabases.drop(target);
        try (Connection admin = TargetSession.connectToServerOnly(TestDatabases.mariadb(null))) {
            Jdbc.execute(admin, "DROP USER IF EXISTS '" + user + "'@'%', '" + user + "'@'localhost'");
        }
    }

    @Test
    void a_lock_timeout_names_the_session_holding_the_lock_and_how_to_end_it() throws Exception {
        try (TargetSession holder = TargetSession.open(target, true); var lock = holder.lock("tenant_migrations", Duration.ofSeconds(5))) {
            String id = Jdbc.queryString(holder.connection(), "SELECT CONNECTION_ID()");

            assertThatThrownBy(() -> lockAs(target)).isInstanceOfSatisfying(FlotillaException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains("It is held by session " + id + " ('" + TestDatabases.MARIADB_USER + "'@'",
                        "end its session with KILL " + id + ".");
            });
        }
    }

    @Test
    void a_user_without_the_process_privilege_is_told_it_cannot_see_the_holder_and_what_to_grant() throws Exception {
        try (TargetSession holder = TargetSession.open(target, true); var lock = holder.lock("tenant_migrations", Duration.ofSeconds(5))) {
            String id = Jdbc.queryString(holder.connection(), "SELECT CONNECTION_ID()");
            for (String host : List.of("%", "localhost")) {
                Jdbc.execute(holder.connection(), "CREATE USER '" + user + "'@'" + host + "'");
                Jdbc.execute(holder.connection(), "GRANT ALL ON `" + target.schema() + "`.* TO '" + user + "'@'" + host + "'");
            }

            assertThatThrownBy(() -> lockAs(new TargetSpec(target.url().substring(0, target.url().lastIndexOf('/') + 1)
                    + target.schema(), user, null, target.schema(), null)))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage()).contains(
                            "It is held by session " + id + ", which '" + user + "'@'",
                            "without the PROCESS privilege it sees only its own sessions (GRANT PROCESS ON *.* TO '" + user + "'@'"));
        }
    }

    private static void lockAs(TargetSpec spec) throws Exception {
        try (TargetSession waiting = TargetSession.open(spec, false); var lock = waiting.lock("tenant_migrations", Duration.ofMillis(300))) {
            throw new AssertionError("the lock was had while another session held it");
        }
    }
}
