package dev.flotilla.backup;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.LockRequest;
import dev.flotilla.sql.SessionLock;
import dev.flotilla.target.Failures;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Reading a target's schema within the backups' lock timeout: PostgreSQL's catalog functions wait for a table another
 * session holds exclusively (a long ALTER, LOCK TABLE), and kept the backup, and the deploy after it, waiting; or the
 * check after a restore; and the restore's target lock, whose round trip reads the history table. Past the timeout it
 * gives up with {@code LOCK_TIMEOUT}, naming who holds the lock. Stateless.
 */
final class LockBoundedSchemaRead {
    private LockBoundedSchemaRead() {
    }

    /**
     * The schema as it is, read within {@code lockTimeout} (null: the server's own setting). {@code doing} starts the
     * message, {@code then} says what became of the work.
     */
    static SchemaSnapshot read(TargetSession session, Duration lockTimeout, String doing, String then) throws SQLException {
        if (lockTimeout != null) {
            session.dialect().applyTimeoutsUntilClosed(session.connection(), lockTimeout, null);
        }
        try {
            return SnapshotReader.of(session);
        } catch (SQLException e) {
            if (lockTimeout == null || !session.dialect().isLockTimeout(e)) {
                throw e;
            }
            throw Failures.tableHeld(session, lockTimeout, doing, "to read its schema", e, then);
        }
    }

    /**
     * The history as it is before a restore waits for the target lock (see {@link RestoreWait}), read within
     * {@code lockTimeout} as the lock's own read is. The timeout stays set on the session.
     */
    static List<AppliedMigration> historyBeforeLock(TargetSession session, Duration lockTimeout) throws SQLException {
        if (lockTimeout != null) {
            session.dialect().applyTimeoutsUntilClosed(session.connection(), lockTimeout, null);
        }
        try {
            return session.history().read();
        } catch (SQLException e) {
            throw heldHistory(session, lockTimeout, e);
        }
    }

    /**
     * The target lock for a restore, taken within {@code wait}; the history read in its round trip (PostgreSQL) waits
     * for a table another session holds no longer than {@code lockTimeout} (null: the server's own setting), and then
     * gives up with {@code LOCK_TIMEOUT} as {@link #read} does. The timeout stays set on the session.
     */
    static SessionLock lockToRestore(TargetSession session, Duration lockTimeout, Duration wait) throws SQLException {
        try {
            return session.lock(session.spec().historyTable(), wait, lockTimeout == null ? null
                    : new LockRequest.Timeouts(lockTimeout, null));
        } catch (SQLException e) {
            throw heldHistory(session, lockTimeout, e);
        }
    }

    /**
     * {@code e}, for the caller to throw as it is; a lock timeout is thrown here instead, as {@code LOCK_TIMEOUT} naming
     * the history table and its holder.
     */
    private static SQLException heldHistory(TargetSession session, Duration lockTimeout, SQLException e) {
        if (lockTimeout == null || !session.dialect().isLockTimeout(e)) {
            return e;
        }
        throw Failures.tableHeld(session, lockTimeout, "Restoring", "to read its history table " + session.spec().historyTable(),
                e, ", so nothing was restored; nothing was changed. Restore again when the application has released it (or"
                + " stop the application during the restore), or raise deploy.lockTimeout in flotilla.yml.");
    }
}
