package dev.flotilla.backup;

import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops ({@code KILL QUERY}) a statement of a dump program that has waited for a table lock longer than the lock
 * timeout: {@code mariadb-dump} has no option to bound that wait (nor {@code --init-command}), so a session holding
 * {@code LOCK TABLES ... WRITE} or running DDL kept the backup, and the deploy after it, waiting for as long as it held
 * the table. Watches from the backup's own session, idle while the dump runs, the connections opened after it started
 * by the same user on the tenant's database, and stops only the dump's own reads (see {@link #DUMP_READS}). Not
 * thread-safe: one dump at a time per watch.
 */
final class DumpLockWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 100;
    /**
     * Only the dump's own reads are stopped, never the application's statements: the same user may connect to the
     * same database meanwhile and wait behind the dump itself. {@code mariadb-dump --single-transaction} reads the
     * structure with {@code SHOW ...} and the rows with {@code SELECT /*!40001 SQL_NO_CACHE *}{@code /}, a comment
     * applications do not write.
     */
    private static final String DUMP_READS = " AND (INFO LIKE 'SHOW %' OR INFO LIKE 'SELECT /*!40001 SQL_NO_CACHE */%')";

    private final Connection connection;
    private final String database;
    private final long waitSeconds;
    private final long after;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "flotilla-dump-lock-watch");
        thread.setDaemon(true);
        return thread;
    });

    private DumpLockWatch(Connection connection, String database, Duration lockTimeout, long after) {
        this.connection = connection;
        this.database = database;
        // The server counts a statement's time in whole seconds, as lock_wait_timeout is set (rounded up).
        this.waitSeconds = dev.flotilla.Durations.wholeSecondsAtLeast(lockTimeout);
        this.after = after;
    }

    /** Starts watching before the dump program connects: the connections it opens have higher ids than any now. */
    static DumpLockWatch start(Connection connection, String database, Duration lockTimeout) throws SQLException {
        long after = Long.parseLong(Jdbc.queryString(connection, "SELECT COALESCE(MAX(ID), 0) FROM information_schema.PROCESSLIST"));
        DumpLockWatch watch = new DumpLockWatch(connection, database, lockTimeout, after);
        watch.timer.scheduleWithFixedDelay(watch::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Whether a statement of the dump was stopped for waiting too long: its failure is a lock timeout. */
    boolean stopped() {
        return stopped.get();
    }

    long waitSeconds() {
        return waitSeconds;
    }

    private void check() {
        try {
            for (String id : Jdbc.queryStrings(connection, "SELECT ID FROM information_schema.PROCESSLIST WHERE ID > ?"
                    + " AND ID <> CONNECTION_ID() AND USER = SUBSTRING_INDEX(USER(), '@', 1) AND DB = ?"
                    + " AND STATE LIKE 'Waiting for%lock%' AND TIME >= ?" + DUMP_READS, after, database, waitSeconds)) {
                Jdbc.execute(connection, "KILL QUERY " + Long.parseLong(id));
                stopped.set(true);
            }
        } catch (SQLException e) {
            // The statement ended meanwhile, or the watch cannot see: the dump still ends, by itself or by its overall timeout.
        }
    }

    /** Stops watching; the session is the caller's again once this returns. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
