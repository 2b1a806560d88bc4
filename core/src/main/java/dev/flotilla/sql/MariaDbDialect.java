package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MariaDB and MySQL: every DDL statement commits by itself, so progress is recorded per statement; a
 * schema is a database; the target lock is {@code GET_LOCK}, which belongs to the session.
 */
final class MariaDbDialect implements Dialect {
    private static final ColumnTypes TYPES = new ColumnTypes("VARCHAR(200)", "TEXT", "BOOLEAN", "DATETIME(3)", "INT");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    /** The one instance {@link Dialect#forUrl} gives (a dialect is immutable), knowing no server: table names ignore case. */
    static final MariaDbDialect INSTANCE = new MariaDbDialect(MariaDbTableNames.NOT_KNOWN);
    private static final MariaDbDialect KEEP_CASE = new MariaDbDialect(MariaDbTableNames.KEEP_CASE);
    private static final MariaDbDialect IGNORE_CASE = new MariaDbDialect(MariaDbTableNames.IGNORE_CASE);
    /** How the server tells table, view and database names apart ({@link #forNames}). */
    private final MariaDbTableNames tableNames;

    /** Knowing no server, as {@link #INSTANCE}. */
    MariaDbDialect() {
        this(MariaDbTableNames.NOT_KNOWN);
    }

    private MariaDbDialect(MariaDbTableNames tableNames) {
        this.tableNames = tableNames;
    }

    /** The dialect of a server whose table names differ in case alone ({@code lower_case_table_names=0}) or not. */
    static MariaDbDialect ofTableNames(boolean keepCase) {
        return keepCase ? KEEP_CASE : IGNORE_CASE;
    }

    @Override
    public Dialect forNames(Connection connection) {
        MariaDbTableNames read = MariaDbTableNames.of(connection);
        return read == MariaDbTableNames.NOT_KNOWN ? this : ofTableNames(read.keepCase());
    }

    @Override
    public Boolean quotedNamesKeepCase() {
        return tableNames.keepCase();
    }

    /** Quoted or not: on a server with {@code lower_case_table_names=0}, as written; elsewhere, whatever the case. */
    @Override
    public String identifierKey(String name, boolean quoted) {
        return tableNames.key(name);
    }

    /** A function's or procedure's name, whatever the case, on any server. */
    @Override
    public String routineKey(String name, boolean quoted) {
        return MariaDbTableNames.routineKey(name);
    }

    @Override
    public String driverClassName() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public String name() {
        return "mariadb";
    }

    /**
     * The driver finds its codecs with a ServiceLoader on every connect unless told to keep them, and a
     * ServiceLoader opens the jar that holds them afresh each time: in the CLI's 40 MB jar about 0.5 ms of CPU per
     * connection, and a database-per-tenant deploy opens one per tenant. {@code useResetConnection} makes the
     * driver's {@code reset()} send {@code COM_RESET_CONNECTION}, which readies a connection kept for the next database
     * (ConnectionReuse); nothing else calls it.
     */
    @Override
    public java.util.Properties connectionProperties() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("cacheCodecs", "true");
        properties.setProperty("useResetConnection", "true");
        return properties;
    }

    @Override
    public List<SqlStatement> split(String script) {
        return new MySqlScriptSplitter().split(script);
    }

    @Override
    public String timeAsText(String column) {
        return "CAST(" + column + " AS CHAR)";
    }

    @Override
    public SqlText text() {
        return new SqlText(new MySqlScriptSplitter());
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        String database = trackedDatabase(connection);
        return database != null ? database : Jdbc.queryString(connection, "SELECT DATABASE()");
    }

    /**
     * A connection already in {@code schema} (a database-per-tenant URL names it) needs neither the check nor
     * the {@code USE}: it could not have connected to a database that is not there.
     */
    @Override
    public boolean enterSchema(Connection connection, String schema) throws SQLException {
        return schema.equals(trackedDatabase(connection)) || Dialect.super.enterSchema(connection, schema);
    }

    /**
     * The database the connection is in as the driver keeps it from the server's session tracking, without a
     * round trip (it asks the server where it cannot); null when the driver answers {@code def}, as it does when
     * told to call databases schemas ({@code useCatalogTerm=Schema}).
     */
    private static String trackedDatabase(Connection connection) throws SQLException {
        String database = connection.getCatalog();
        return "def".equals(database) ? null : database;
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        if (create) {
            Jdbc.execute(connection, "CREATE DATABASE IF NOT EXISTS " + quote(schema));
        }
        Jdbc.execute(connection, "USE " + quote(schema));
    }

    @Override
    public boolean schemaExists(Connection connection, String schema) throws SQLException {
        return Jdbc.queryString(connection,
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", schema) != null;
    }

    @Override
    public java.util.Set<String> existingSchemas(Connection connection, java.util.Collection<String> schemas) throws SQLException {
        return MariaDbSchemaLists.among(connection,
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (%s)", schemas);
    }

    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        return Jdbc.queryString(connection, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND LOWER(TABLE_NAME) = LOWER(?) AND TABLE_TYPE = 'BASE TABLE'", schema, table) != null;
    }

    @Override
    public java.util.Set<String> schemasWithTable(Connection connection, java.util.Collection<String> schemas, String table)
            throws SQLException {
        return MariaDbSchemaLists.among(connection, "SELECT TABLE_SCHEMA FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (%s)"
                + " AND LOWER(TABLE_NAME) = LOWER(?) AND TABLE_TYPE = 'BASE TABLE'", schemas, table);
    }

    @Override
    public java.util.Map<String, Integer> tablesWithoutHistory(Connection connection, java.util.Collection<String> schemas,
                                                               String historyTable) throws SQLException {
        return MariaDbSchemaLists.tablesWithoutHistory(connection, schemas, historyTable);
    }

    @Override
    public List<String> tableNames(Connection connection, String schema) throws SQLException {
        return Jdbc.queryStrings(connection, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY 1", schema);
    }

    /** Columns, and only the indexes, engines and collations {@code read} asks ({@link MariaDbTableColumns}). */
    @Override
    public SchemaTables tableColumns(Connection connection, String schema, TableRead read) throws SQLException {
        return MariaDbTableColumns.of(connection, schema, read);
    }

    @Override
    public ColumnTypes columnTypes() {
        return TYPES;
    }

    /**
     * {@code GET_LOCK}, then the database's tables as the holder sees them: what the session would otherwise ask
     * twice (is the history table there? which tables are the tenant's?), in one query. A failure after the lock
     * is had leaves it to the connection's close, which the session's failure brings.
     */
    @Override
    public SessionLock lock(LockRequest request, Duration wait) throws SQLException {
        Connection connection = request.connection();
        // GET_LOCK names are server-wide and at most 64 characters long.
        String name = "flotilla:" + LockWait.hashHex(request.key(""), 40);
        LockWait.await(() -> "1".equals(Jdbc.queryString(connection, "SELECT GET_LOCK(?, 0)", name)),
                wait, request.targetName(), () -> MariaDbSessions.lockHolder(connection, name));
        List<String> tables = request.schema() == null ? null : tableNames(connection, request.schema());
        return new HeldLock(connection, "SELECT RELEASE_LOCK(?)", name, tables, false);
    }

    @Override
    public SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        return ServerSessionSettings.apply(connection, SETTINGS, timeouts(connection, lockTimeout, statementTimeout));
    }

    /** One {@code SET SESSION} for both; the server's kind comes from the handshake, without a query. */
    @Override
    public void applyTimeoutsUntilClosed(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        ServerSessionSettings.set(connection, SETTINGS, timeouts(connection, lockTimeout, statementTimeout));
    }

    private static ServerSessionSettings.Setting[] timeouts(Connection connection, Duration lockTimeout,
                                                            Duration statementTimeout) throws SQLException {
        // The server takes whole seconds: part of one is rounded up, never waiting less than asked (README says so).
        String lockSeconds = lockTimeout == null ? null : String.valueOf(dev.flotilla.Durations.wholeSecondsAtLeast(lockTimeout));
        ServerSessionSettings.Setting lockLimit = new ServerSessionSettings.Setting("lock_wait_timeout", lockSeconds);
        if (statementTimeout == null) {
            return new ServerSessionSettings.Setting[] {lockLimit};
        }
        // MariaDB's max_statement_time is in seconds; MySQL's max_execution_time in ms and for SELECT only.
        boolean mariaDb = String.valueOf(connection.getMetaData().getDatabaseProductVersion()).contains("MariaDB");
        ServerSessionSettings.Setting statementLimit = mariaDb
                ? new ServerSessionSettings.Setting("max_statement_time", String.valueOf(statementTimeout.toMillis() / 1000.0))
                : new ServerSessionSettings.Setting("max_execution_time", String.valueOf(statementTimeout.toMillis()));
        return new ServerSessionSettings.Setting[] {lockLimit, statementLimit};
    }

    /**
     * A {@code GET_LOCK} lock belongs to the session: released when the connection closes, or by the
     * {@code COM_RESET_CONNECTION} that readies a kept connection for its next database (ConnectionReuse).
     */
    @Override
    public boolean lockEndsWithConnection() {
        return true;
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1205 || e.getErrorCode() == 3572;
    }

    /** MariaDB's max_statement_time (ER_STATEMENT_TIMEOUT 1969), MySQL's max_execution_time (ER_QUERY_TIMEOUT 3024). */
    @Override
    public boolean isStatementTimeout(SQLException e) {
        return e.getErrorCode() == 1969 || e.getErrorCode() == 3024;
    }

    @Override
    public String lockHolders(Connection connection, String schema) {
        return MariaDbSessions.transactionsIn(connection, schema);
    }

    /** ER_QUERY_INTERRUPTED: another session's {@code KILL QUERY}. */
    @Override
    public boolean isCanceled(SQLException e) {
        return e.getErrorCode() == 1317;
    }

    private static final ServerSessionSettings.Access SETTINGS = new ServerSessionSettings.Access() {
        @Override
        public List<String> get(Connection connection, List<String> names) throws SQLException {
            return Jdbc.queryRow(connection, "SELECT " + String.join(", ", names.stream().map(n -> "@@SESSION." + n).toList()));
        }

        @Override
        public void set(Connection connection, List<ServerSessionSettings.Setting> settings) throws SQLException {
            for (ServerSessionSettings.Setting setting : settings) {
                if (setting.value() == null || !NUMBER.matcher(setting.value()).matches()) {
                    throw new FlotillaException(ErrorCode.INTERNAL, "Refusing to set " + setting.name() + " to a non-number: "
                            + setting.value());
                }
            }
            Jdbc.execute(connection, "SET SESSION " + String.join(", ", settings.stream()
                    .map(s -> s.name() + " = " + s.value()).toList()));
        }
    };
}
