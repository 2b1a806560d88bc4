package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL: transactional DDL, schemas, a session-level advisory lock (a transaction-level one would
 * hang on {@code CREATE INDEX CONCURRENTLY}, which waits for every older transaction, Flyway #3497).
 */
final class PostgresDialect implements Dialect {
    @Override
    public String identifierKey(String name, boolean quoted) {
        return quoted ? name : name.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean overloadsRoutines() {
        return true;
    }

    private static final ColumnTypes TYPES = new ColumnTypes("VARCHAR(200)", "TEXT", "BOOLEAN", "TIMESTAMP", "INTEGER");

    private static final String UNSAFE_NEW_ENUM_VALUE = "55P04";

    /** The server's major version, 0 when not known (no connection yet): what the splitter classes by. */
    private final int majorVersion;
    private final PostgresScriptSplitter splitter;
    /** {@link #splitRules}, made once: a deployment's split cache asks for it every script and tenant. */
    private final Object splitRules;

    /** Not knowing the server: the splitter keeps the rules of the oldest supported one. */
    PostgresDialect() {
        this(0);
    }

    /** Knowing the server's major version (0: not known). */
    PostgresDialect(int majorVersion) {
        this.majorVersion = majorVersion;
        this.splitter = new PostgresScriptSplitter(majorVersion);
        this.splitRules = List.of(PostgresDialect.class, majorVersion);
    }

    /**
     * The dialect for the server {@code connection} is on: its major version decides what runs in a transaction. The
     * same dialect for every session on a server of one version ({@link PostgresVersions}).
     */
    @Override
    public Dialect forServer(Connection connection) throws SQLException {
        PostgresDialect server = PostgresVersions.of(connection);
        return server.majorVersion == majorVersion ? this : server;
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public String name() {
        return "postgresql";
    }

    /** As an untyped parameter: PostgreSQL compares text with a uuid or integer column only by a cast. */
    @Override
    public void bindUntyped(java.sql.PreparedStatement statement, int index, String value) throws SQLException {
        statement.setObject(index, value, java.sql.Types.OTHER);
    }

    /**
     * The driver's cache of server-prepared statements is kept across DDL: by default it drops every prepared
     * statement after each CREATE, ALTER or DROP, so Flotilla's own catalog queries were parsed and planned again
     * for every tenant of a deployment. It guards against "cached plan must not change result type", which only
     * a statement whose result columns come from a user table can hit; Flotilla's repeated statements name their
     * columns and read the catalog, and user scripts run as plain statements, which are never server-prepared.
     */
    @Override
    public java.util.Properties connectionProperties() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("flushCacheOnDdl", "false");
        return properties;
    }

    @Override
    public boolean commitsInStatementBatch() {
        return true;
    }

    @Override
    public boolean queriesInOneText() {
        return true;
    }

    @Override
    public List<SqlStatement> split(String script) {
        return splitter.split(script);
    }

    /** The server's major version decides what the splitter keeps out of a transaction. */
    @Override
    public Object splitRules() {
        return splitRules;
    }

    /** From PostgreSQL 12, where ADD VALUE runs in a transaction; before, it runs outside one and commits at once. */
    @Override
    public boolean usableOnlyAfterCommit(SqlStatement statement) {
        return statement.transactional() && PostgresScriptSplitter.addsEnumValue(statement.sql());
    }

    @Override
    public String advice(SQLException e) {
        return UNSAFE_NEW_ENUM_VALUE.equals(e.getSQLState()) ? "A value added to an enum type (ALTER TYPE .. ADD VALUE)"
                + " cannot be used until the transaction that added it commits, and a migration runs in one transaction:"
                + " split the migration, adding the value in one migration and using it in the next." : null;
    }

    @Override
    public SqlText text() {
        return new SqlText(splitter);
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return Jdbc.queryString(connection, "SELECT current_schema()");
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        if (create) {
            Jdbc.execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
        Jdbc.queryString(connection, "SELECT set_config('search_path', ?, false)", quote(schema));
    }

    @Override
    public boolean schemaExists(Connection connection, String schema) throws SQLException {
        return Jdbc.queryString(connection, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schema) != null;
    }

    /** One round trip: the search path is set only when the schema exists. */
    @Override
    public boolean enterSchema(Connection connection, String schema) throws SQLException {
        return Jdbc.queryString(connection, "SELECT set_config('search_path', ?, false) FROM pg_namespace WHERE nspname = ?",
                quote(schema), schema) != null;
    }

    /** One round trip: the search path set when the schema exists, and whether it has {@code table}. */
    @Override
    public SchemaEntry enterSchema(Connection connection, String schema, String table) throws SQLException {
        List<String> row = Jdbc.queryRow(connection, ENTER_SCHEMA, enterParameters(schema, table));
        return entry(row);
    }

    /** Sets the search path when the schema exists, and tells whether the table is in it: a row, or none. */
    static final String ENTER_SCHEMA = "SELECT set_config('search_path', ?, false), EXISTS (SELECT 1 FROM pg_class c"
            + " WHERE c.relnamespace = n.oid AND c.relname IN (?, lower(?)) AND c.relkind IN ('r', 'p'))"
            + " FROM pg_namespace n WHERE n.nspname = ?";

    Object[] enterParameters(String schema, String table) {
        return new Object[] {quote(schema), table, table, schema};
    }

    static SchemaEntry entry(List<String> row) {
        return row.isEmpty() ? new SchemaEntry(false, false) : new SchemaEntry(true, "t".equals(row.get(1)));
    }

    @Override
    public LockedEntry enterAndLock(LockRequest request, Duration wait) throws SQLException {
        return PostgresLock.enterAndTake(this, request, wait);
    }

    @Override
    public void leaveSchema(Connection connection) throws SQLException {
        Jdbc.queryString(connection, "SELECT set_config('search_path', '', false)");
    }

    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        // relname compared as it is or lower-cased, not through lower(relname): the catalog index serves it, so
        // the lookup stays fast in a database with thousands of tenant schemas.
        return Jdbc.queryString(connection, "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname IN (?, lower(?)) AND c.relkind IN ('r', 'p')", schema, table, table) != null;
    }

    @Override
    public Set<String> existingSchemas(Connection connection, Collection<String> schemas) throws SQLException {
        return PostgresFleetCatalog.existingSchemas(connection, schemas);
    }

    @Override
    public Set<String> schemasWithTable(Connection connection, Collection<String> schemas, String table)
            throws SQLException {
        return PostgresFleetCatalog.schemasWithTable(connection, schemas, table);
    }

    @Override
    public Map<String, Integer> tablesWithoutHistory(Connection connection, Collection<String> schemas,
                                                     String historyTable) throws SQLException {
        return PostgresFleetCatalog.tablesWithoutHistory(connection, schemas, historyTable);
    }

    @Override
    public List<String> tableNames(Connection connection, String schema) throws SQLException {
        return Jdbc.queryStrings(connection, PostgresFleetCatalog.TABLES_OF_SCHEMA, schema);
    }

    /**
     * Tables, partitioned tables, views and foreign tables alike, with their unique keys, through the catalog's name
     * index ({@link PostgresTableColumns}).
     */
    @Override
    public SchemaTables tableColumns(Connection connection, String schema, TableRead read) throws SQLException {
        return PostgresTableColumns.of(connection, schema, read.tables());
    }

    @Override
    public SchemaTables tableColumnsAnyCase(Connection connection, String schema, TableRead read) throws SQLException {
        return PostgresTableColumns.anyCase(connection, schema, read.tables());
    }

    @Override
    public Map<String, SchemaTables> tableColumnsOfSchemas(Connection connection, Collection<String> schemas,
                                                           Collection<String> tables) throws SQLException {
        return PostgresTableColumns.ofSchemas(connection, schemas, tables);
    }

    @Override
    public ColumnTypes columnTypes() {
        return TYPES;
    }

    @Override
    public SessionLock lock(LockRequest request, Duration wait) throws SQLException {
        return PostgresLock.take(request, wait);
    }

    @Override
    public SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        return ServerSessionSettings.apply(connection, PostgresSessionSettings.ACCESS,
                PostgresSessionSettings.timeouts(lockTimeout, statementTimeout));
    }

    /** One round trip: both settings in one {@code SELECT set_config(..), set_config(..)}. */
    @Override
    public void applyTimeoutsUntilClosed(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        ServerSessionSettings.set(connection, PostgresSessionSettings.ACCESS,
                PostgresSessionSettings.timeouts(lockTimeout, statementTimeout));
    }

    /** A session-level advisory lock: released when the connection closes, or by the reset before it is reused. */
    @Override
    public boolean lockEndsWithConnection() {
        return true;
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    /** SQLSTATE 57014 (query_canceled), by the statement timeout or a cancel alike. */
    @Override
    public boolean isTimeoutOrCancel(SQLException e) {
        return "57014".equals(e.getSQLState());
    }

    /**
     * SQLSTATE 57014 (query_canceled) with the server's reason, its {@code statement_timeout}, in English; a server
     * speaking another language ({@code lc_messages}) is read by {@link #isTimeoutOrCancel} and the statement's time.
     */
    @Override
    public boolean isStatementTimeout(SQLException e) {
        return "57014".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("statement timeout");
    }

    /** SQLSTATE 57014 with "user request": {@code pg_cancel_backend}, or a client's cancel request. */
    @Override
    public boolean isCanceled(SQLException e) {
        return "57014".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("user request");
    }

    @Override
    public String lockHolders(Connection connection, String schema) {
        return PostgresLockHolders.sessions(connection, schema);
    }
}
