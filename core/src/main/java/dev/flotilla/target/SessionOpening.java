package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.LockRequest;
import dev.flotilla.sql.SessionLock;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a {@link TargetSession} is opened: the connection taken, the schema chosen and entered (with the target lock where
 * the caller asks for it), a database file that is not there read as a stand-in; on a failure the connection is given
 * up and nothing is left open.
 */
final class SessionOpening {
    private SessionOpening() {
    }

    /**
     * What entering the schema found; the lock taken with it and the read made under it, when one was; whether
     * the session's timeouts were set with it.
     */
    record Entered(Dialect.SchemaEntry entry, SessionLock lock, LockedHistoryRead read, boolean timeoutsSet) {
    }

    @FunctionalInterface
    interface Entering {
        Entered enter(Dialect dialect, Connection connection, String schema, TargetSpec connected) throws SQLException;
    }

    static TargetSession open(TargetSpec spec, ConnectionSource source, boolean createFile, Entering entering) {
        Dialect dialect = Dialect.forUrl(spec.url());
        if (spec.missingFileRefusal() != null && spec.namesMissingFile()) {
            throw new FlotillaException(ErrorCode.TARGET_MISSING, spec.missingFileRefusal());
        }
        DatabaseFile missing = createFile ? null : DatabaseFile.of(spec.url()).filter(file -> !file.exists()).orElse(null);
        if (createFile) {
            DatabaseFile.of(spec.url()).ifPresent(DatabaseFile::createFolder);
        }
        TargetSpec connected = missing == null ? spec : missing.standIn(spec);
        ServerConnection.Taken taken = ServerConnection.take(connected, dialect, source);
        Connection connection = taken.connection();
        String schema = spec.schema();
        try {
            dialect = dialect.forServer(connection);
            schema = schema != null ? schema
                    : taken.missingDatabase() != null ? taken.missingDatabase() : dialect.currentSchema(connection);
            if (schema == null) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "No schema or database selected on " + spec.displayName()
                        + ": name the database in the URL or pass --schema.");
            }
            Entered entered = entering.enter(dialect, connection, schema, connected);
            Dialect.SchemaEntry entry = missing == null ? entered.entry() : new Dialect.SchemaEntry(false, false);
            if (!entry.schemaExists() && source != ConnectionSource.DIRECT) {
                // A reused connection is still in the schema of its last target: leave it.
                dialect.leaveSchema(connection);
            }
            TargetSession session = new TargetSession(spec, dialect, connection, schema, entry, source, connected, missing,
                    entered.timeoutsSet());
            if (entered.lock() != null) {
                session.tookLock(entered.lock(), entered.read());
            }
            return session;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException failure && schema != null) {
                new HistoryTable(dialect, connection, schema, spec.historyTable()).refuseIfNotFlotillas(failure);
            }
            ServerConnection.closeQuietly(connection);
            if (e instanceof SQLException failure && dialect.isLockTimeout(failure)) {
                throw Failures.historyHeld(spec, failure);
            }
            throw e instanceof RuntimeException r ? r : Failures.of(spec, "preparing", (SQLException) e);
        }
    }

    /** Another connection to the target, in its schema when that exists (H2's lock is a table lock held on it). */
    static Connection openAnother(TargetSpec spec, Dialect dialect, String schema) throws SQLException {
        Connection another = ServerConnection.connect(spec, dialect);
        try {
            dialect.enterSchema(another, schema);
            return another;
        } catch (SQLException e) {
            another.close();
            throw e;
        }
    }
}
