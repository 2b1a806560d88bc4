package dev.flotilla.target;

import static dev.flotilla.target.SessionOpening.openAnother;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.LockRequest;
import dev.flotilla.sql.SessionLock;
import dev.flotilla.target.SessionOpening.Entered;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * One open connection to one target, in its schema, with its history table. Not thread-safe: one
 * session per runner thread. Closing releases the connection (and with it any session lock).
 */
public final class TargetSession implements AutoCloseable {
    private final TargetSpec spec;
    private final FlotillasTables own;
    private final Dialect dialect;
    private final Connection connection;
    private final String schema;
    private boolean schemaExists;
    private HistoryTable history;
    private final ConnectionSource source;
    private boolean lockedExclusively;
    /** Whether the history table was there, as found on entering the schema (before any lock); null: unknown. */
    private Boolean historyAtOpen;
    private boolean timeoutsSet;
    /** The schema's tables as read in the lock's own round trip; null when not read. */
    private List<String> tablesAtLock;
    /** The target lock this session holds; null before it takes one. */
    private SessionLock heldLock;
    /** What the session's connections are made with: the spec, or a stand-in in memory for a file not there. */
    private TargetSpec connected;
    /** The target's database file when it is not there (the session reads a stand-in); null otherwise. */
    private DatabaseFile missingFile;

    /** A session {@link SessionOpening} opened: {@code entry} is what entering the schema found. */
    TargetSession(TargetSpec spec, Dialect dialect, Connection connection, String schema, Dialect.SchemaEntry entry,
                  ConnectionSource source, TargetSpec connected, DatabaseFile missingFile, boolean timeoutsSet) {
        this.source = source;
        this.spec = spec;
        this.own = new FlotillasTables(spec.historyTable());
        this.dialect = dialect;
        this.connection = connection;
        this.schema = schema;
        this.schemaExists = entry.schemaExists();
        this.historyAtOpen = entry.tableExists();
        this.timeoutsSet = timeoutsSet;
        this.connected = connected;
        this.missingFile = missingFile;
    }

    /**
     * Connects and switches to the target's schema. With {@code createSchema} a missing schema is created at
     * once; without, a missing schema is left alone (the session reads as an empty target) until
     * {@link #createSchemaIfMissing()}, which runners call once they hold the target lock.
     */
    public static TargetSession open(TargetSpec spec, boolean createSchema) {
        return open(spec, createSchema, ConnectionSource.DIRECT);
    }

    /** As {@link #open(TargetSpec, boolean)}, with the connection from {@code source}, given back on close. */
    public static TargetSession open(TargetSpec spec, boolean createSchema, ConnectionSource source) {
        return SessionOpening.open(spec, source, createSchema, (dialect, connection, schema, connected) -> {
            Dialect.SchemaEntry entry = dialect.enterSchema(connection, schema, spec.historyTable());
            if (!entry.schemaExists() && createSchema) {
                dialect.useSchema(connection, schema, true);
                return new Entered(new Dialect.SchemaEntry(true, false), null, null, false);
            }
            return new Entered(entry, null, null, false);
        });
    }

    /**
     * Connects, switches to the target's schema and takes the target lock, waiting at most {@code wait}, in one
     * round trip where the dialect can; with {@code historyExpected} the history is read in it too (a target
     * whose history table is not there then costs a failed try, which the server logs as an error, and a second
     * one). A missing schema is not created: call {@link #createSchemaIfMissing()}; nor is a missing database file
     * (SQLite, H2), which the session reads as empty. The lock is {@link #heldLock()}.
     */
    public static TargetSession openLocked(TargetSpec spec, ConnectionSource source, Duration wait, boolean historyExpected) {
        return openLocked(spec, source, wait, historyExpected, null);
    }

    /**
     * As {@link #openLocked(TargetSpec, ConnectionSource, Duration, boolean)}; where the dialect can, the same round
     * trip also sets the session's {@code timeouts} ({@link #timeoutsSet()}), else the caller applies them.
     */
    public static TargetSession openLocked(TargetSpec spec, ConnectionSource source, Duration wait, boolean historyExpected,
                                           LockRequest.Timeouts timeouts) {
        return openLocked(spec, source, wait, historyExpected, timeouts, false);
    }

    /**
     * As {@link #openLocked(TargetSpec, ConnectionSource, Duration, boolean, LockRequest.Timeouts)}; with
     * {@code createFile} a SQLite or H2 database file that is not there is created (a new tenant's first deploy).
     */
    public static TargetSession openLocked(TargetSpec spec, ConnectionSource source, Duration wait, boolean historyExpected,
                                           LockRequest.Timeouts timeouts, boolean createFile) {
        return SessionOpening.open(spec, source, createFile, (dialect, connection, schema, connected) -> {
            LockedHistoryRead read = historyExpected
                    ? new HistoryTable(dialect, connection, schema, spec.historyTable(), spec.historyZone()).readAfterLock() : null;
            Dialect.LockedEntry locked = dialect.enterAndLock(new LockRequest(connection, () -> openAnother(connected, dialect,
                    schema), schema, spec.historyTable(), spec.displayName(), read, timeouts), wait);
            return new Entered(locked.entry(), locked.lock(), read, locked.timeoutsSet());
        });
    }

    /**
     * A connection to the spec's server in none of its databases where the server has several (MariaDB/MySQL: the
     * database the URL names is left out, so one not created yet is no obstacle); elsewhere {@link #connectToServer}.
     * For work across a server's databases: scratch copies, creating and dropping databases.
     */
    public static Connection connectToServerOnly(TargetSpec spec) {
        return connectToServer(ServerConnection.withoutDatabase(spec));
    }

    /** A plain connection to the spec's server, without choosing a schema: for catalog queries across a server. */
    public static Connection connectToServer(TargetSpec spec) {
        return ServerConnection.connect(spec, Dialect.forUrl(spec.url()));
    }

    /**
     * Creates the target's schema when it does not exist yet, and switches to it. A database file that is not
     * there is not created here (the session was opened without creating it): {@code TARGET_MISSING}.
     */
    public void createSchemaIfMissing() throws SQLException {
        if (missingFile != null) {
            throw new FlotillaException(ErrorCode.TARGET_MISSING, "The " + targetNoun() + " of " + spec.displayName()
                    + " does not exist. Nothing was created.");
        }
        if (!schemaExists) {
            dialect.useSchema(connection, schema, true);
            schemaExists = true;
        }
    }

    /**
     * Takes the target lock, waiting at most {@code wait}. Where the history table was there on entering the
     * schema, its rows are read in the lock's round trip where the dialect can (see {@link HistoryTable#current()}).
     */
    public SessionLock lock(String historyTable, Duration wait) throws SQLException {
        return lock(historyTable, wait, null);
    }

    /**
     * As {@link #lock(String, Duration)}; where the dialect can (PostgreSQL), the lock's round trip also sets the
     * session's {@code timeouts} (null: none), which then bound its history read too, and stay set until the session
     * ends, the lock's try failed or not.
     */
    public SessionLock lock(String historyTable, Duration wait, LockRequest.Timeouts timeouts) throws SQLException {
        LockedHistoryRead read = Boolean.TRUE.equals(historyAtOpen) ? history().readAfterLock() : null;
        try {
            tookLock(dialect.lock(new LockRequest(connection, () -> openAnother(connected, dialect, schema), schema, historyTable,
                    spec.displayName(), read, timeouts), wait), read);
        } catch (SQLException e) {
            history().refuseIfNotFlotillas(e);
            throw e;
        }
        return heldLock;
    }

    /** The lock {@link #openLocked} took, or {@link #lock} last took. */
    public SessionLock heldLock() {
        return heldLock;
    }

    void tookLock(SessionLock held, LockedHistoryRead read) {
        lockedExclusively = true;
        // What was learned before the lock may have changed while waiting for it: only what it saw counts.
        historyAtOpen = null;
        tablesAtLock = held.tablesSeen();
        if (history != null) {
            history.forget();
        }
        if (held.readAfterLock()) {
            history().learnRead(read);
        } else if (tablesAtLock != null) {
            history().learnExists(own.anyHistory(tablesAtLock));
        }
        heldLock = () -> {
            lockedExclusively = false;
            held.close();
        };
    }

    /** True while this session holds a target lock that keeps every other runner off the target. */
    public boolean lockedExclusively() {
        return lockedExclusively;
    }

    /** Whether opening the session set the timeouts {@link #openLocked} was given, until the session ends. */
    public boolean timeoutsSet() {
        return timeoutsSet;
    }

    /**
     * True when {@link #close()} releases the target lock before it returns, so an explicit release would be
     * one more round trip for nothing: the lock lives in this connection and the source resets it when it
     * gets it back (a connection it does not keep is closed, which releases it too).
     */
    public boolean lockReleasedByClose() {
        return dialect.lockEndsWithConnection() && source.resetsOnGive(spec);
    }

    /** The target's history table; one instance per session, so what it learned about itself is kept. */
    public HistoryTable history() {
        if (history == null) {
            history = new HistoryTable(dialect, connection, schema, spec.historyTable(), spec.historyZone());
            if (historyAtOpen != null) {
                history.learnExists(historyAtOpen);
            }
        }
        return history;
    }

    /**
     * {@link #userTables()} as the session found them when it took the target lock (read in the lock's round
     * trip where the dialect does that), else read now: for what a run notices before it changes anything.
     */
    public List<String> userTablesWhenLocked() throws SQLException {
        if (tablesAtLock == null) {
            return userTables();
        }
        return own.without(tablesAtLock);
    }

    /** Tables in the target's schema other than Flotilla's own. */
    public List<String> userTables() throws SQLException {
        if (!schemaExists) {
            return List.of();
        }
        return own.without(dialect.tableNames(connection, schema));
    }

    public TargetSpec spec() {
        return spec;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() {
        return connection;
    }

    public String schema() {
        return schema;
    }

    public boolean schemaExists() {
        return schemaExists;
    }

    /** What holds the target, for messages: {@code database file /data/t_a.db}, {@code database t_a}, {@code schema t_a}. */
    public String targetNoun() {
        if (missingFile != null || DatabaseFile.of(spec.url()).isPresent() && spec.schema() == null) {
            return "database file " + DatabaseFile.of(spec.url()).orElseThrow().path();
        }
        return ("mariadb".equals(dialect.name()) ? "database " : "schema ") + schema;
    }

    @Override
    public void close() {
        source.give(connected, connection);
    }
}
