package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSpec;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A server control plane (PostgreSQL) that stops answering: frozen, its host gone, the network cut. Without a bound its
 * connection waits for an answer for ever, and so does the command; so every request is bounded by the network timeout
 * ({@code controlPlane.networkTimeout}), and its expiry told: the driver closes the connection, the server rolls back
 * the transaction it cut off. An embedded file is not bounded here: H2's own NETWORK_TIMEOUT would end one wait for the
 * process serving it, but H2 then reconnects a statement that commits by itself and asks that same process, with no bound,
 * whether it still serves the file (only opening the file is bounded, by {@link FileServer}).
 */
final class NoAnswer {
    private NoAnswer() {
    }

    /** {@code connection} with every request bounded by {@code timeout}, for a server's; closed when that cannot be set. */
    static Connection bounded(TargetSpec spec, Connection connection, Duration timeout) {
        if (spec.url().startsWith("jdbc:h2:")) {
            return connection;
        }
        try {
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw Failures.connecting(spec, e);
        }
    }

    /** Whether {@code e} is a request that got no answer within the network timeout. */
    static boolean cause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure of {@code doing} that got no answer: what, where, and what to do, its cause {@code e} masked of the
     * plane's secrets (a driver's words may quote its URL). {@code committing} when it was a transaction's commit, whose
     * outcome is then unknown (see {@link CommitUnknown}).
     */
    static FlotillaException failure(TargetSpec spec, Duration timeout, String doing, Throwable e, boolean committing) {
        String message = "The control plane " + spec.displayName() + " did not answer within " + describe(timeout)
                + " (controlPlane.networkTimeout) while " + doing + ": its server is down, frozen or out of reach, or the"
                + " work waits on a lock another session holds.";
        if (committing) {
            return new CommitUnknown(new FlotillaException(ErrorCode.CONNECTION_FAILED, message, e).masked(spec::scrub), doing,
                    "The control plane gave no answer");
        }
        return new FlotillaException(ErrorCode.CONNECTION_FAILED, message + " A transaction cut off is rolled back by the"
                + " server: nothing of it is half-recorded. Check the server and the network to it, then run the command"
                + " again (a deployment this ended is taken up by deploy --resume); if the control plane is only slow, raise"
                + " controlPlane.networkTimeout.", e).masked(spec::scrub);
    }

    /** "60 s", "500 ms". */
    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
