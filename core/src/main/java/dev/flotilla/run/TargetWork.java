package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.sql.LockRequest;
import dev.flotilla.sql.SessionLock;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;

/**
 * Opens a target, optionally locks it, applies the safety timeouts (in the lock's round trip where the dialect
 * can), runs some work, and undoes all of that: the lock released (by the session's end where that releases it
 * at once), the timeouts ended with the session.
 */
final class TargetWork {
    @FunctionalInterface
    interface Work<T> {
        T run(TargetSession session) throws SQLException;
    }

    private TargetWork() {
    }

    static <T> T run(TargetOptions options, boolean createSchema, boolean lock, Work<T> work) {
        return run(ConnectionSource.DIRECT, options, createSchema, lock, work);
    }

    /** As above, with the session's connection from {@code connections} (kept across tenants in a fleet run). */
    static <T> T run(ConnectionSource connections, TargetOptions options, boolean createSchema, boolean lock, Work<T> work) {
        return run(connections, options, createSchema, lock, false, work);
    }

    /**
     * As above; with {@code historyExpected} (the run has seen the target's history table before), a locked
     * session reads the history in the lock's own round trip where the dialect can.
     */
    static <T> T run(ConnectionSource connections, TargetOptions options, boolean createSchema, boolean lock,
                     boolean historyExpected, Work<T> work) {
        return run(connections, options, createSchema, lock, historyExpected, () -> { }, work);
    }

    /**
     * As above; {@code beforeCreating} runs before the target's schema, database or database file is created (a new
     * tenant's): the first thing that reaches the target, which the work's own writes otherwise are.
     */
    static <T> T run(ConnectionSource connections, TargetOptions options, boolean createSchema, boolean lock,
                     boolean historyExpected, Runnable beforeCreating, Work<T> work) {
        if (createSchema && !historyExpected && options.target().namesMissingFile()) {
            beforeCreating.run(); // opening it creates the file
        }
        try (TargetSession session = open(connections, options, createSchema, lock, historyExpected)) {
            SessionLock held = lock ? session.heldLock() : null;
            try {
                if (createSchema && historyExpected && !session.schemaExists()) {
                    // Created again, it would look like a new tenant's, and be given every migration from the first.
                    throw missing(options, session.targetNoun());
                }
                if (createSchema && historyExpected && !session.history().exists()) {
                    // The same, in a schema or database that is there: the table dropped, or the URL or historyTable changed.
                    throw historyMissing(options, session.history().name());
                }
                if (createSchema && !session.schemaExists()) {
                    beforeCreating.run();
                }
                if (createSchema) {
                    // Under the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still collide on PostgreSQL.
                    session.createSchemaIfMissing();
                }
            } catch (SQLException | RuntimeException e) {
                releaseAfter(held, e);
                throw e;
            }
            // Released after the work; when the work failed, a release that fails too (the connection closed by the
            // failure: its server ends the lock with it) is told with that failure, not in its place.
            try (SessionLock releasing = session.lockReleasedByClose() ? null : held) {
                // Not restored: the session's connection is closed, or reset, when the session ends.
                if (!session.timeoutsSet()) {
                    session.dialect().applyTimeoutsUntilClosed(session.connection(), options.lockTimeout(),
                            options.statementTimeout());
                }
                return work.run(session);
            }
        } catch (SQLException e) {
            throw Failures.of(options.target(), "working", e, lock);
        }
    }

    /** Releases {@code held} (if any) after {@code failure}; what fails doing so is told with it. */
    private static void releaseAfter(SessionLock held, Exception failure) {
        if (held == null) {
            return;
        }
        try {
            held.close();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static TargetSession open(ConnectionSource connections, TargetOptions options, boolean createSchema, boolean lock,
                                      boolean historyExpected) {
        try {
            return lock
                    ? TargetSession.openLocked(options.target(), connections, options.lockWait(), historyExpected,
                            new LockRequest.Timeouts(options.lockTimeout(), options.statementTimeout()),
                            createSchema && !historyExpected)
                    : TargetSession.open(options.target(), createSchema, connections);
        } catch (FlotillaException e) {
            // A database the URL names (PostgreSQL's, which no deploy creates) gone since the tenant's last deploy.
            if (historyExpected && e.getCause() instanceof SQLException cause
                    && ("3D000".equals(cause.getSQLState()) || cause.getErrorCode() == UNKNOWN_DATABASE)) {
                throw missing(options, "database");
            }
            throw e;
        }
    }

    /** MariaDB/MySQL's ER_BAD_DB_ERROR. */
    private static final int UNKNOWN_DATABASE = 1049;

    private static FlotillaException missing(TargetOptions options, String noun) {
        return new FlotillaException(ErrorCode.TARGET_MISSING, options.target().displayName() + " was deployed to"
                + " before, but its " + noun + " does not exist now (dropped, or the configuration changed since and names"
                + " another: put it back as it was). Nothing was created. " + createdFirst(options, noun) + remedy(options));
    }

    /** A PostgreSQL database a restore cannot make: what to run before it (walked: restore then said "Create it"). */
    private static String createdFirst(TargetOptions options, String noun) {
        String url = options.target().url();
        if (!noun.equals("database") || !url.startsWith("jdbc:postgresql:")) {
            return "";
        }
        String name = dev.flotilla.sql.JdbcUrls.databaseIn(url).map(dev.flotilla.sql.JdbcUrls.DatabaseInUrl::database).orElse("<database>");
        return "A restore fills a PostgreSQL database but does not create it: create it empty first (`CREATE DATABASE "
                + name + "`, owned as before), then restore. ";
    }

    private static FlotillaException historyMissing(TargetOptions options, String table) {
        return new FlotillaException(ErrorCode.TARGET_MISSING, options.target().displayName() + " was deployed to"
                + " before, but its history table " + table + " is not there now: the table was dropped, or the"
                + " configuration changed since (tenancy.urlTemplate, tenancy.url, tenancy.schemaTemplate or historyTable"
                + " now names another place than the one deployed to; put it back as it was). Nothing was run, as it would"
                + " take the tenant for a new one and run every migration from the first. " + remedy(options));
    }

    private static String remedy(TargetOptions options) {
        return "Restore it (`flotilla restore --deployment <id> --tenants " + (options.tenant() != null ? options.tenant()
                : "<tenant>") + " --yes`, the deployment whose backup holds it; `flotilla backups list` lists them), or, to"
                + " start it over empty, `flotilla tenants remove` it and `flotilla tenants add` it again.";
    }
}
