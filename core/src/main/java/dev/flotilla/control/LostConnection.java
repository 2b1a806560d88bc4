package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.util.Set;

/**
 * A control plane whose connection broke under a command: its server stopped or restarted, a failover or the network
 * ended the session, or the process serving an embedded file went away for good. That is the plane out of reach, told
 * as {@code CONNECTION_FAILED} as when it cannot be reached at all, not a statement to fix. Stateless.
 */
final class LostConnection {
    /** PostgreSQL ending the session: admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");
    /** H2: the connection broken (90067), the database closing (90098), or already closed by that (90121). */
    private static final Set<Integer> H2_BROKEN = Set.of(90067, 90098, 90121);

    private LostConnection() {
    }

    /** Whether {@code e} says the connection was lost (SQLSTATE class 08, or the server ended the session). */
    static boolean cause(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || SESSION_ENDED.contains(state) || H2_BROKEN.contains(e.getErrorCode());
    }

    /** The failure of {@code doing}: what, where, and what to do. */
    static FlotillaException failure(TargetSpec spec, String doing, SQLException e) {
        return new FlotillaException(ErrorCode.CONNECTION_FAILED, "The control plane " + spec.displayName() + ": its"
                + " connection was lost while " + doing + Failures.sqlState(e) + ": " + Failures.sentence(spec.scrub(
                String.valueOf(e.getMessage()))) + " Its server stopped or restarted, or the network to it failed; what this"
                + " command had not recorded yet is not there. Check that its server is running and reachable"
                + " (controlPlane.url in flotilla.yml), then run the command again.", e);
    }
}
