package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The control plane's one connection, shared by its stores, one caller at a time. An embedded file is served by the
 * first process that opened it (H2's auto-server); when that process ends, H2 reconnects a statement run in
 * auto-commit mode to the file's next server by itself, and sends it again, but not one inside a transaction: the
 * connection is then broken for good ("Database is already closed", 90121). So a broken connection is replaced before
 * the next work runs on it, a transaction cut off by such a handover is run again once, whole, on the new connection,
 * and writes run in transactions there (see {@link #write}).
 */
final class PlaneConnection {
    /** One transaction is run at most this many times: the second attempt meets a server that has just started. */
    private static final int TRANSACTION_ATTEMPTS = 2;

    private final TargetSpec spec;
    private final java.time.Duration networkTimeout;
    private Connection connection;
    private boolean inTransaction;

    /** @param networkTimeout how long a server may take to answer one request (see {@link NoAnswer}) */
    PlaneConnection(TargetSpec spec, Connection connection, java.time.Duration networkTimeout) {
        this.spec = spec;
        this.connection = connection;
        this.networkTimeout = networkTimeout;
    }

    /** Runs work on the connection, one caller at a time, turning SQL errors into clear ones. */
    <T> T with(String doing, ControlPlane.Work<T> work) {
        return run(doing, work, false);
    }

    /**
     * As {@link #with}, for work that writes. Run by itself (auto-commit), each statement is its own commit: one the
     * server gave no answer to may or may not have been made, and is told so ({@link CommitUnknown}), not written again.
     * On an embedded file it runs as a transaction of its own ({@link #together}): H2 re-sends an auto-commit statement
     * whose answer was lost with the process serving the file (made, maybe, then made again on the next server: an audit
     * row written twice, a tenant's insert refused as a duplicate of itself), never a statement of a transaction.
     */
    <T> T write(String doing, ControlPlane.Work<T> work) {
        synchronized (this) {
            if (inTransaction || !EmbeddedFile.shared(spec.url())) {
                return run(doing, work, true);
            }
            AtomicReference<T> result = new AtomicReference<>();
            together(doing, () -> result.set(run(doing, work, true)));
            return result.get();
        }
    }

    private <T> T run(String doing, ControlPlane.Work<T> work, boolean writing) {
        synchronized (this) {
            try {
                return work.run(live());
            } catch (SQLException e) {
                if (!inTransaction && (handedOver(e) || NoAnswer.cause(e) || LostConnection.cause(e))) {
                    discard(); // what it did is unknown, as H2 would have reconnected it had it run alone
                }
                if (NoAnswer.cause(e)) {
                    // In a transaction, its commit is what may be cut off: see together.
                    throw NoAnswer.failure(spec, networkTimeout, doing, e, writing && !inTransaction);
                }
                throw told(doing, e);
            }
        }
    }

    /** {@code e} as the failure of {@code doing}: a connection lost is the plane out of reach (CONNECTION_FAILED). */
    private FlotillaException told(String doing, SQLException e) {
        return LostConnection.cause(e) ? LostConnection.failure(spec, doing, e) : Failures.of(spec, doing + " in the control plane", e);
    }

    /**
     * Runs {@code writes} (work done through {@link #with}) in one transaction: all or none. Where the process serving
     * the embedded file ended before the commit was sent, the dead server never committed it (it rolled back, or never
     * saw, the transaction), so it is run again, whole, on a connection to the file's new server: {@code writes} must do
     * nothing but write through the plane (a count it keeps is counted again). A handover during the commit leaves
     * the outcome unknown: that is not run again but reported (see {@link CommitUnknown}). Writes nested in another
     * transaction join it.
     */
    void together(String doing, Runnable writes) {
        synchronized (this) {
            if (inTransaction) {
                writes.run();
                return;
            }
            for (int attempt = 1; ; attempt++) {
                RuntimeException failure = attempt(doing, writes);
                if (failure == null) {
                    return;
                }
                if (failure instanceof CommitUnknown || attempt >= TRANSACTION_ATTEMPTS || !handedOver(failure)) {
                    throw failure;
                }
            }
        }
    }

    /** One attempt of a transaction: null when committed, else what failed (rolled back, or its outcome unknown). */
    private RuntimeException attempt(String doing, Runnable writes) {
        Connection c;
        boolean autoCommit;
        try {
            c = live();
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // in auto-commit mode still: H2 reconnects this by itself
        } catch (SQLException e) {
            return failed(doing, e, false);
        }
        boolean committing = false;
        inTransaction = true;
        try {
            writes.run();
            committing = !c.isClosed(); // a connection broken already sends nothing: the commit reaches no server
            c.commit();
        } catch (SQLException e) {
            inTransaction = false;
            ended(c, autoCommit, e);
            return failed(doing, e, committing);
        } catch (RuntimeException e) {
            inTransaction = false;
            ended(c, autoCommit, e);
            return failed(e);
        } catch (Error e) {
            // Out of memory, a stack overflow: rolled back too, else every later write would join a transaction never
            // committed.
            inTransaction = false;
            ended(c, autoCommit, e);
            throw e;
        }
        inTransaction = false;
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (!handedOver(e)) {
                return told(doing, e);
            }
            discard(); // committed; the server went away just after
        }
        return null;
    }

    /** Rolls back a transaction that failed and restores auto-commit, what fails doing so told with {@code failure}. */
    private static void ended(Connection c, boolean autoCommit, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e); // a broken connection: the transaction ended with it, uncommitted
        }
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private FlotillaException failed(String doing, SQLException e, boolean committing) {
        if (NoAnswer.cause(e)) {
            discard(); // closed by the driver; the server rolls back what it did not commit
            return NoAnswer.failure(spec, networkTimeout, doing, e, committing);
        }
        FlotillaException failure = told(doing, e);
        if (!handedOver(e)) {
            return committing && LostConnection.cause(e) ? new CommitUnknown(failure, doing, "The connection was lost") : failure;
        }
        discard();
        return committing ? new CommitUnknown(failure, doing) : failure;
    }

    private RuntimeException failed(RuntimeException e) {
        if (handedOver(e) || NoAnswer.cause(e)) {
            discard();
        }
        return e;
    }

    /**
     * The connection; a new one when it was discarded, or is broken: its file's server went away, or its server ended
     * the session (a restart, a failover), the work then cut off told as lost. A long-lived process, the console, would
     * otherwise fail every request until restarted. Never replaced inside a transaction: the transaction's earlier writes
     * went with the old server, so it fails (and, after a handover, runs again whole).
     */
    private Connection live() throws SQLException {
        if (connection == null || !inTransaction && connection.isClosed()) {
            connection = NoAnswer.bounded(spec, connect(spec), networkTimeout);
        }
        return connection;
    }

    /** Drops a connection whose server went away (a broken H2 connection does not come back): the next use opens another. */
    private void discard() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Broken already.
        }
        connection = null;
    }

    /** Whether {@code e} says the process that served the embedded file went away (see {@link EmbeddedFile#handedOver}). */
    private boolean handedOver(Throwable e) {
        return EmbeddedFile.shared(spec.url()) && EmbeddedFile.handedOver(e);
    }

    /** Connects to {@code spec}'s database, as {@link #whileBusy} allows. */
    static Connection connect(TargetSpec spec) {
        return whileBusy(spec.url(), () -> {
            FileServer.requireAnswering(spec);
            return TargetSession.connectToServer(spec);
        });
    }

    /**
     * Opens what {@code opening} opens. Two processes opening an embedded file at the same moment race for its lock file,
     * and a process may open it while the one serving it ends: a moment later it is served again, so opening is tried
     * a bounded number of times (see {@link EmbeddedFile#busy}).
     */
    static <T> T whileBusy(String url, java.util.function.Supplier<T> opening) {
        for (int attempt = 1; ; attempt++) {
            try {
                return opening.get();
            } catch (FlotillaException e) {
                if (attempt >= OPEN_ATTEMPTS || !EmbeddedFile.busy(url, e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static final int OPEN_ATTEMPTS = 20;

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(100));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new FlotillaException(ErrorCode.INTERNAL, "Interrupted while opening the control plane");
        }
    }

    void close() {
        synchronized (this) {
            if (connection != null) {
                discard(); // at the end of a command: nothing is pending on it
            }
        }
    }
}
