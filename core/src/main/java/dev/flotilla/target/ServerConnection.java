package dev.flotilla.target;

import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.JdbcUrls;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Opening a JDBC connection to a target's server: the dialect's driver, the spec's credentials, the connect
 * timeout, and a MariaDB URL naming a database the server does not have yet. Thread-safe (the drivers are made
 * once, shared).
 */
final class ServerConnection {
    /** MariaDB/MySQL's ER_BAD_DB_ERROR: "Unknown database". */
    private static final int UNKNOWN_DATABASE = 1049;

    /** The dialects' drivers, made once. */
    private static final java.util.Map<String, Optional<Driver>> DRIVERS = new java.util.concurrent.ConcurrentHashMap<>();

    private ServerConnection() {
    }

    /** A connection for a session; {@code missingDatabase} names the database its URL names when that is not there. */
    record Taken(Connection connection, String missingDatabase) {
    }

    /**
     * The source's connection for {@code spec}. A MariaDB URL naming a database the server does not have gets a
     * connection to the server instead; without a schema of its own, the session reads that database as a schema
     * not created yet: a tenant's first deploy creates it, as it creates a PostgreSQL tenant's schema, and a tenant
     * deployed before is refused ({@code TARGET_MISSING}) by the same check.
     */
    static Taken take(TargetSpec spec, Dialect dialect, ConnectionSource source) {
        SQLException failure;
        try {
            return new Taken(source.take(spec, dialect), null);
        } catch (SQLException e) {
            failure = e;
        } catch (FlotillaException e) {
            if (!(e.getCause() instanceof SQLException cause)) {
                throw e;
            }
            failure = cause;
        }
        var named = JdbcUrls.databaseIn(spec.url());
        if (failure.getErrorCode() != UNKNOWN_DATABASE || !"mariadb".equals(dialect.name()) || named.isEmpty()) {
            throw Failures.connecting(spec, failure);
        }
        try {
            return new Taken(source.take(withoutDatabase(spec), dialect), spec.schema() != null ? null : named.get().database());
        } catch (SQLException e) {
            throw Failures.connecting(spec, e);
        }
    }

    /** The spec with the database a MariaDB/MySQL URL names left out; any other spec as it is. */
    static TargetSpec withoutDatabase(TargetSpec spec) {
        if (!"mariadb".equals(Dialect.forUrl(spec.url()).name())) {
            return spec;
        }
        return JdbcUrls.databaseIn(spec.url()).map(named -> new TargetSpec(named.with(""), spec.user(), spec.password(),
                null, spec.historyTable())).orElse(spec);
    }

    /** Opens a connection with the spec's credentials, turning driver errors into clear ones. */
    static Connection connect(TargetSpec spec, Dialect dialect) {
        Properties properties = dialect.connectionProperties();
        ConnectTimeout.apply(properties, dialect.name());
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
            properties.setProperty("password", spec.password().reveal());
        }
        ConnectTimeout.requireNotSilent(spec);
        boolean traceOff = H2FileTrace.switchOff(properties, spec.url());
        try {
            try {
                return open(spec.url(), dialect, properties);
            } catch (SQLException e) {
                if (!traceOff || !H2FileTrace.refused(e)) {
                    throw e;
                }
                properties.remove(H2FileTrace.SETTING);
                return open(spec.url(), dialect, properties);
            }
        } catch (SQLException e) {
            FlotillaException failure = Failures.connecting(spec, e);
            if (ConnectTimeout.gaveUp(e) && !ConnectTimeout.capped()) {
                ConnectTimeout.silent(spec);
            }
            throw failure;
        }
    }

    private static Connection open(String url, Dialect dialect, Properties properties) throws SQLException {
        String driverUrl = driverUrl(url);
        Driver driver = driver(dialect);
        Connection connection = driver == null ? null : driver.connect(driverUrl, properties);
        return connection != null ? connection : DriverManager.getConnection(driverUrl, properties);
    }

    /** The dialect's driver, made once; none when it names none or it is not on the class path. */
    private static Driver driver(Dialect dialect) {
        String name = dialect.driverClassName();
        if (name == null) {
            return null;
        }
        return DRIVERS.computeIfAbsent(name, n -> {
            try {
                return Optional.of((Driver) Class.forName(n, true, ServerConnection.class.getClassLoader())
                        .getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** The MariaDB driver serves jdbc:mysql: URLs only when asked to. */
    private static String driverUrl(String url) {
        if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return url;
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The connection is being discarded; a failure to close it changes nothing for the run.
        }
    }
}
