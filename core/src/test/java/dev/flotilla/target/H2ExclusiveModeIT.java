package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * An embedded H2 database another session put in exclusive mode refuses every new connection: that is said, with what
 * ends it, not a server to check that is not there.
 */
class H2ExclusiveModeIT {
    private final TargetSpec target = TestDatabases.h2(TestDatabases.uniqueName());

    @Test
    void a_database_another_session_put_in_exclusive_mode_is_said_so_with_what_ends_it() throws Exception {
        try (Connection holder = TestDatabases.connect(target)) {
            Jdbc.execute(holder, "SET EXCLUSIVE 1");
            try {
                assertThatThrownBy(() -> TargetSession.open(target, false).close()).isInstanceOfSatisfying(
                        FlotillaException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                            assertThat(e.getMessage()).contains("The H2 database of " + target.displayName()
                                    + " is in exclusive mode", "SET EXCLUSIVE 0", "run again once it has")
                                    .doesNotContain("Check that the server is running");
                        });
            } finally {
                Jdbc.execute(holder, "SET EXCLUSIVE 0");
                Jdbc.execute(holder, "SHUTDOWN");
            }
        }
    }
}
