package dev.flotilla.testing;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Fresh, uniquely named targets on the real servers of the development machines (override with
 * FLOTILLA_TEST_POSTGRES_URL / FLOTILLA_TEST_MARIADB_URL). A server that is down fails the test loudly
 * with the command that starts it; it never skips.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL = env("FLOTILLA_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = env("FLOTILLA_TEST_POSTGRES_USER", "postgres");
    public static final String MARIADB_URL = env("FLOTILLA_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    public static final String MARIADB_USER = env("FLOTILLA_TEST_MARIADB_USER", "root");
    /** How long a test's own connection waits for the server to answer (generous: the machines run tests in parallel). */
    static final int ANSWER_TIMEOUT_SECONDS = 120;

    private TestDatabases() {
    }

    /** A unique name for a schema or database, safe on every dialect. */
    public static String uniqueName() {
        return "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static TargetSpec postgres(String schema) {
        return new TargetSpec(POSTGRES_URL, POSTGRES_USER, null, schema, null);
    }

    /**
     * The schema {@code schema} in a PostgreSQL database made for it on the test server. No session of another test (nor
     * of another run of the tests on the same server) is in that database, so a statement that waits for every older
     * transaction of its database (CREATE INDEX CONCURRENTLY waits for their snapshots) waits for the test's own only.
     * {@link #dropDatabase} drops it.
     */
    public static TargetSpec postgresInOwnDatabase(String schema) throws SQLException {
        String database = uniqueName();
        execute(postgres(null), "CREATE DATABASE " + database);
        return postgresIn(database, schema);
    }

    /** The schema {@code schema} (null: none) in the database {@code database} of the PostgreSQL test server, as its user. */
    public static TargetSpec postgresIn(String database, String schema) {
        return new TargetSpec(databaseIn(POSTGRES_URL).with(database), POSTGRES_USER, null, schema, null);
    }

    /** The database the PostgreSQL test server's URL names (test on the development machines), for GRANT ... ON DATABASE. */
    public static String postgresDatabase() {
        return databaseIn(POSTGRES_URL).database();
    }

    /** {@code url} with {@code parameter} ({@code name=value}) added to its query, as a user writes one into a URL. */
    public static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    /** Drops the database of {@code spec}, made by {@link #postgresInOwnDatabase}, ending the sessions still in it. */
    public static void dropDatabase(TargetSpec spec) throws SQLException {
        execute(postgres(null), "DROP DATABASE IF EXISTS " + databaseIn(spec.url()).database() + " WITH (FORCE)");
    }

    private static JdbcUrls.DatabaseInUrl databaseIn(String url) {
        return JdbcUrls.databaseIn(url).orElseThrow(() -> new AssertionError("The test server's URL " + url + " names no"
                + " database (jdbc:postgresql://host:port/database, jdbc:mariadb://host:port/database): set"
                + " FLOTILLA_TEST_POSTGRES_URL or FLOTILLA_TEST_MARIADB_URL to one that does."));
    }

    public static TargetSpec mariadb(String database) {
        return new TargetSpec(MARIADB_URL, MARIADB_USER, null, database, null);
    }

    /**
     * The URL of the database {@code database} on the MariaDB test server, its options kept ({@code {tenant}} may stand in
     * the name, for a urlTemplate); "" for the server itself.
     */
    public static String mariadbUrl(String database) {
        return databaseIn(MARIADB_URL).with(database);
    }

    public static TargetSpec sqlite(Path folder) {
        return new TargetSpec("jdbc:sqlite:" + folder.resolve("tenant.db"), null, null, null, null);
    }

    public static TargetSpec h2(String name) {
        return new TargetSpec("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null, null, null);
    }

    /**
     * A connection to the target as its user. On PostgreSQL and MariaDB it waits for an answer no longer than
     * {@link #ANSWER_TIMEOUT_SECONDS}: a stuck server fails the test loudly instead of hanging it.
     */
    public static Connection connect(TargetSpec spec) {
        Properties properties = new Properties();
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        properties.setProperty("password", spec.password() == null ? "" : spec.password().reveal());
        if (spec.url().startsWith("jdbc:postgresql:")) {
            properties.setProperty("socketTimeout", Integer.toString(ANSWER_TIMEOUT_SECONDS));
        } else if (spec.url().startsWith("jdbc:mariadb:")) {
            properties.setProperty("socketTimeout", Integer.toString(ANSWER_TIMEOUT_SECONDS * 1000));
        }
        try {
            return DriverManager.getConnection(spec.url(), properties);
        } catch (SQLException e) {
            throw new AssertionError("The test database at " + spec.displayName() + " is not reachable: " + e.getMessage()
                    + ". Start it with bin/services (PostgreSQL on 127.0.0.1:5432, MariaDB on 127.0.0.1:3306).", e);
        }
    }

    /**
     * Runs {@code statements} in order on the target as its user: on {@code postgres(null)} and {@code mariadb(null)},
     * the test server's administrator (postgres, root), for what a test sets up beside Flotilla (databases, roles, rows).
     */
    public static void execute(TargetSpec spec, String... statements) throws SQLException {
        try (Connection connection = connect(spec); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The target's schema as Flotilla reads it. */
    public static SchemaSnapshot snapshot(TargetSpec spec) throws SQLException {
        try (TargetSession session = TargetSession.open(spec, false)) {
            return SnapshotReader.of(session);
        }
    }

    /** The rows of every table of the target. */
    public static RowCounts rowCounts(TargetSpec spec) throws SQLException {
        try (TargetSession session = TargetSession.open(spec, false)) {
            return RowCounts.count(session.connection(), session.dialect(), session.schema(), SnapshotReader.of(session),
                    TenantScope.WHOLE_TARGET);
        }
    }

    /** Drops a schema (PostgreSQL, H2) or database (MariaDB) created by a test. */
    public static void drop(TargetSpec spec) {
        drop(List.of(spec));
    }

    /**
     * {@link #drop(TargetSpec)} of every spec, on one connection per server and user: a fleet's hundreds of schemas
     * without hundreds of logins. Each drop is a statement of its own (autocommit), as when dropped one by one.
     */
    public static void drop(List<TargetSpec> specs) {
        Map<TargetSpec, List<TargetSpec>> byServer = new LinkedHashMap<>();
        for (TargetSpec spec : specs) {
            if (spec.schema() != null || spec.url().startsWith("jdbc:h2:")) {
                byServer.computeIfAbsent(new TargetSpec(spec.url(), spec.user(), spec.password(), null, null),
                        server -> new ArrayList<>()).add(spec);
            }
        }
        byServer.values().forEach(TestDatabases::dropOnOneConnection);
    }

    private static void dropOnOneConnection(List<TargetSpec> specs) {
        TargetSpec current = specs.get(0);
        try (Connection connection = connect(current); Statement statement = connection.createStatement()) {
            for (TargetSpec spec : specs) {
                current = spec;
                if (spec.url().startsWith("jdbc:postgresql:")) {
                    statement.execute("DROP SCHEMA IF EXISTS \"" + spec.schema() + "\" CASCADE");
                } else if (spec.url().startsWith("jdbc:mariadb:")) {
                    statement.execute("DROP DATABASE IF EXISTS `" + spec.schema() + "`");
                } else if (spec.url().startsWith("jdbc:h2:")) {
                    statement.execute("DROP ALL OBJECTS"); // every schema of the database: once is enough
                    return;
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("Could not clean up " + current.displayName() + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
