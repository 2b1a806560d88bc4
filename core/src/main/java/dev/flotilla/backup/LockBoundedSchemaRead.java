package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.PostgresLockHolders;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Reading a target's schema within the backups' lock timeout: PostgreSQL's catalog functions wait for a table another
 * session holds exclusively (a long ALTER, LOCK TABLE), and kept the backup, and the deploy after it, waiting; or the
 * check after a restore. Past the timeout it gives up with {@code LOCK_TIMEOUT}, naming who holds the lock. Stateless.
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
            String holders = "postgresql".equals(session.dialect().name())
                    ? PostgresLockHolders.phrase(session.connection(), session.schema()) : "another session holds one of its tables";
            throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, doing + " " + session.spec().displayName() + " waited more than "
                    + PostgresBackupTool.said(lockTimeout) + " (the lock timeout) to read its schema" + Failures.sqlState(e) + ": "
                    + holders + then, e);
        }
    }
}
