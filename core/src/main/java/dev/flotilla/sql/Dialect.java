package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What Flotilla needs to know about one database product: how scripts split, how identifiers quote,
 * whether DDL is transactional, how a target is locked, a few catalog queries ({@link SchemaCatalog}) and how its
 * errors read ({@link StatementFailures}). One implementation per database; adding a database touches this package
 * only. Implementations are stateless and thread-safe.
 */
public interface Dialect extends SchemaCatalog, StatementFailures {

    /** A short lower-case name: {@code postgresql}, {@code mariadb}, {@code sqlite}, {@code h2}. */
    String name();

    /**
     * This dialect as the server {@code connection} is on knows it, where the server's version changes what Flotilla
     * does (PostgreSQL 12 runs {@code ALTER TYPE .. ADD VALUE} in a transaction); {@code this} elsewhere. A dialect got
     * from {@link #forUrl} alone assumes the oldest server it supports.
     */
    default Dialect forServer(Connection connection) throws SQLException {
        return this;
    }

    /** Splits a script (placeholders already replaced) into statements. */
    List<SqlStatement> split(String script);

    /**
     * What decides how {@link #split} cuts a script besides its text, as a value: two dialects with equal rules split
     * every text alike, so a script split for one target serves the next ({@code migration.SplitScripts}). The class by
     * default; a dialect whose splitter depends on the server adds what it depends on.
     */
    default Object splitRules() {
        return getClass();
    }

    /**
     * Where {@code text} is written in {@code sql}, read as this dialect's splitter reads it: where each use outside
     * string literals, quoted names, comments and dollar-quoted bodies starts, and whether it is also written inside a
     * literal, quoted name or body (in a comment it is neither). One left unterminated runs to the end of the text.
     */
    default Found find(String sql, String text) {
        return text().find(sql, text);
    }

    /** How Flotilla's readers of SQL (lint rules, a rollback's dry run) read this dialect's text: as its splitter does. */
    SqlText text();

    /** What {@link #find} found: the starts of the uses in code, left to right; whether any is inside quotes. */
    record Found(List<Integer> inCode, boolean inQuotes) {
        public Found {
            inCode = List.copyOf(inCode);
        }
    }

    /** Quotes an identifier so that its case and characters are kept; SQL's double quotes unless overridden. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The key two names of a table, view or policy compare equal by when they name the same object, by the dialect's
     * rules: a name as the catalog stores it, or as written in SQL ({@code quoted} in identifier quotes or not).
     * Case-insensitive unless overridden (SQLite's names, quoted or not); PostgreSQL and H2 fold an unquoted name and
     * keep a quoted one's case; MariaDB keeps case where the server's {@code lower_case_table_names} is 0, known to the
     * dialect got from {@link #forNames} (one from {@link #forUrl} alone ignores case).
     */
    default String identifierKey(String name, boolean quoted) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether a quoted table or view name keeps its case ({@code "Orders"} is not {@code orders}), as {@link
     * #identifierKey} compares names: derived from it unless overridden; null where that is the server's setting and it
     * is not known (MariaDB's dialect not got from {@link #forNames}, or whose setting could not be read).
     */
    default Boolean quotedNamesKeepCase() {
        return !identifierKey("A", true).equals(identifierKey("a", true));
    }

    /**
     * As {@link #identifierKey}, for a function's or procedure's name: the same rules but on MariaDB, whose routine
     * names never differ in case alone, whatever the server's {@code lower_case_table_names}.
     */
    default String routineKey(String name, boolean quoted) {
        return identifierKey(name, quoted);
    }

    /**
     * True when functions and procedures of one name are told apart by their parameters' types (PostgreSQL's overloads);
     * false where a name is one routine whatever its parameters (MariaDB).
     */
    default boolean overloadsRoutines() {
        return false;
    }

    /**
     * This dialect as the server {@code connection} is on tells names apart ({@link #identifierKey}), where that is the
     * server's setting and not the product's: MariaDB's {@code lower_case_table_names}, read with one query, for a
     * reader of many names to ask once per connection, and the one place it is read ({@link #quotedNamesKeepCase}).
     * {@code this} elsewhere, or where the setting cannot be read.
     */
    default Dialect forNames(Connection connection) {
        return this;
    }

    /**
     * Binds {@code value}, written as text, as a value whose type the database takes from where it stands: a tenant's
     * id compared with a text, uuid or integer column alike. Text here; where a text parameter would not compare with
     * another type, the dialect says so by overriding.
     */
    default void bindUntyped(java.sql.PreparedStatement statement, int index, String value) throws SQLException {
        statement.setString(index, value);
    }

    /** True when DDL statements roll back with their transaction, so a migration can be all-or-nothing. */
    boolean transactionalDdl();

    /** The schema (or database, on MariaDB) a connection works in, or null where the dialect has none. */
    String currentSchema(Connection connection) throws SQLException;

    /**
     * Makes {@code schema} the connection's default for unqualified names, creating it first when
     * {@code create} is set. Dialects without schemas reject any schema but their own.
     */
    void useSchema(Connection connection, String schema, boolean create) throws SQLException;

    /**
     * Takes a connection out of whatever schema it was using, so unqualified names resolve nowhere; for a
     * reused connection whose next target has no schema yet. A no-op where a connection has one schema.
     */
    default void leaveSchema(Connection connection) throws SQLException {
    }

    /** Switches the connection to {@code schema} when it exists; returns whether it does. */
    default boolean enterSchema(Connection connection, String schema) throws SQLException {
        boolean exists = schemaExists(connection, schema);
        if (exists) {
            useSchema(connection, schema, false);
        }
        return exists;
    }

    /** What entering a schema found: whether it exists, and whether the table looked up is in it (null: not known). */
    record SchemaEntry(boolean schemaExists, Boolean tableExists) {
    }

    /**
     * As {@link #enterSchema(Connection, String)}, also looking up {@code table} in the schema, in the same
     * round trip where the dialect can.
     */
    default SchemaEntry enterSchema(Connection connection, String schema, String table) throws SQLException {
        return new SchemaEntry(enterSchema(connection, schema), null);
    }

    /** Column types used by the history table, in this dialect's spelling. */
    ColumnTypes columnTypes();

    /**
     * Takes the lock that keeps two runners off one target, waiting at most {@code wait}.
     *
     * @throws FlotillaException with {@link ErrorCode#LOCK_TIMEOUT} when the wait runs out
     */
    SessionLock lock(LockRequest request, Duration wait) throws SQLException;

    /**
     * What {@link #enterAndLock} found on entering the schema, the lock it then took, and whether it also set the
     * request's timeouts (else the caller applies them).
     */
    record LockedEntry(SchemaEntry entry, SessionLock lock, boolean timeoutsSet) {
    }

    /**
     * Enters the request's schema as {@link #enterSchema(Connection, String, String)} does (looking up the history
     * table) and takes the target lock as {@link #lock} does, with the request's after-lock read; in one round
     * trip where the dialect can. A missing schema is not created.
     */
    default LockedEntry enterAndLock(LockRequest request, Duration wait) throws SQLException {
        SchemaEntry entry = enterSchema(request.connection(), request.schema(), request.historyTable());
        LockRequest locking = Boolean.TRUE.equals(entry.tableExists()) ? request : request.withoutAfterLock();
        return new LockedEntry(entry, lock(locking, wait), false);
    }

    /** Applies the safety timeouts to the session; closing the result puts the previous values back. */
    SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException;

    /**
     * Applies the safety timeouts for the rest of the session, to every statement it runs, without reading what
     * they replace: for a session whose connection is closed, or reset of its settings, when the session ends.
     * In one round trip where the server allows it.
     */
    default void applyTimeoutsUntilClosed(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        applyTimeouts(connection, lockTimeout, statementTimeout);
    }

    /**
     * True when the target lock belongs to the session's own connection and so ends with it: with the
     * connection closed, or given back reset (every advisory lock released) to be reused.
     */
    default boolean lockEndsWithConnection() {
        return false;
    }

    /**
     * The class name of this database's JDBC driver, instantiated directly so that connecting does not make
     * {@code DriverManager} load and initialise every driver on the class path; null to go through it.
     */
    default String driverClassName() {
        return null;
    }

    /**
     * True when a {@code COMMIT} can follow a statement in the same prepared text and so the same round trip,
     * the driver noticing that the transaction ended (PostgreSQL's extended protocol runs them in order and
     * skips the {@code COMMIT} when the statement before it fails).
     */
    default boolean commitsInStatementBatch() {
        return false;
    }

    /**
     * True when several queries can go in one statement text, and so one round trip, each giving its own result
     * ({@link java.sql.Statement#getMoreResults()}). MariaDB's driver refuses that unless the URL allows it.
     */
    default boolean queriesInOneText() {
        return false;
    }

    /**
     * True when a history row's {@code installed_on} is kept as an instant (SQLite: its milliseconds); false where the
     * column keeps a wall-clock time ({@code TIMESTAMP}, {@code DATETIME}), that of the writing JVM's zone.
     */
    default boolean keepsInstants() {
        return false;
    }

    /**
     * A select-list expression giving {@code column}, a time of no zone ({@code TIMESTAMP}), as the text the server
     * keeps: a driver reading it as a time may move it (MariaDB's puts it through the JVM's zone, or the URL's
     * {@code connectionTimeZone}), or normalise a time the JVM's clock skips.
     */
    default String timeAsText(String column) {
        return "CAST(" + column + " AS VARCHAR)";
    }

    /** Connection properties this dialect needs on every connection it works with. */
    default java.util.Properties connectionProperties() {
        return new java.util.Properties();
    }

    /**
     * True when what {@code statement} makes can be used only after its transaction commits (PostgreSQL's
     * {@code ALTER TYPE .. ADD VALUE}, SQLSTATE 55P04): a later script that uses it cannot run in the same transaction.
     */
    default boolean usableOnlyAfterCommit(SqlStatement statement) {
        return false;
    }

    /** Column types for the history table. */
    record ColumnTypes(String shortText, String longText, String bool, String timestamp, String integer) {}

    /**
     * Finds the dialect for a JDBC URL: one instance per database product, shared (PostgreSQL's knowing no server;
     * {@link #forServer} gives the one for the server's version).
     */
    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new FlotillaException(ErrorCode.BAD_USAGE,
                    "Not a JDBC URL: '" + JdbcUrls.redact(String.valueOf(jdbcUrl))
                            + "'. Expected jdbc:postgresql://, jdbc:mariadb://, jdbc:mysql://, jdbc:sqlite: or jdbc:h2:");
        }
        // The product is the word from "jdbc:" to the next colon, compared where it stands: every session asks.
        if (jdbcUrl.startsWith("postgresql:", 5)) {
            return PostgresVersions.ofMajor(0);
        } else if (jdbcUrl.startsWith("mariadb:", 5) || jdbcUrl.startsWith("mysql:", 5)) {
            return MariaDbDialect.INSTANCE;
        } else if (jdbcUrl.startsWith("sqlite:", 5)) {
            return SqliteDialect.INSTANCE;
        } else if (jdbcUrl.startsWith("h2:", 5)) {
            return H2Dialect.INSTANCE;
        }
        String product = jdbcUrl.substring(5, Math.max(5, jdbcUrl.indexOf(':', 5)));
        throw new FlotillaException(ErrorCode.UNKNOWN_DIALECT, "Flotilla does not support '" + product + "' ("
                + JdbcUrls.redact(jdbcUrl) + "). Supported: PostgreSQL, MariaDB/MySQL, SQLite, H2.");
    }
}
