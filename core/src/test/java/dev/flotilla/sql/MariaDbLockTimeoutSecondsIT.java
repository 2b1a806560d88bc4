package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * MariaDB/MySQL take lock_wait_timeout in whole seconds: a lock timeout between them is rounded up, so that a session
 * waits at least as long as asked and a LOCK_TIMEOUT's "it waited more than 1.5s" is true (it was cut to 1 s before).
 */
class MariaDbLockTimeoutSecondsIT {
    @Test
    void a_lock_timeout_of_part_of_a_second_waits_the_whole_seconds_above_it_never_less() throws Exception {
        MariaDbDialect dialect = new MariaDbDialect();
        try (Connection connection = TargetSession.connectToServerOnly(TestDatabases.mariadb(null))) {
            for (var asked : new long[][] {{200, 1}, {1500, 2}, {3000, 3}}) {
                dialect.applyTimeoutsUntilClosed(connection, Duration.ofMillis(asked[0]), null);

                assertThat(Jdbc.queryString(connection, "SELECT @@SESSION.lock_wait_timeout")).as(asked[0] + " ms")
                        .isEqualTo(String.valueOf(asked[1]));
            }
        }
    }
}
