package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.JdbcUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A tenant's own schema or database, created for it: a PostgreSQL or H2 schema, a MariaDB database (named as
 * schema, or in the URL), a PostgreSQL database in the URL, a SQLite file. One that exists already is refused,
 * so provisioning never takes over a stranger's data. Closing drops what was created unless {@link #keep()}
 * was called: a failed provisioning leaves nothing behind.
 */
public final class NewTarget implements AutoCloseable {
    private final TargetSpec spec;
    private final String what;
    private final Dropper dropper;
    private boolean kept;

    @FunctionalInterface
    private interface Dropper {
        void drop() throws Exception;
    }

    private NewTarget(TargetSpec spec, String what, Dropper dropper) {
        this.spec = spec;
        this.what = what;
        this.dropper = dropper;
    }

    /** Creates the target of {@code spec}; refuses (BAD_USAGE) when its schema, database or file exists already. */
    public static NewTarget create(TargetSpec spec) {
        Dialect dialect = Dialect.forUrl(spec.url());
        try {
            if (spec.schema() != null) {
                return schema(spec, dialect);
            }
            if ("sqlite".equals(dialect.name())) {
                return sqliteFile(spec);
            }
            var url = JdbcUrls.databaseIn(spec.url());
            if (url.isPresent()) {
                return database(spec, dialect, url.get());
            }
        } catch (SQLException e) {
            throw Failures.of(spec, "creating the tenant's target on", e);
        }
        throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Creating a new database for " + spec.displayName()
                + " is not supported yet: create it by hand, then `flotilla tenants add` and `flotilla deploy`.");
    }

    private static NewTarget schema(TargetSpec spec, Dialect dialect) throws SQLException {
        try (Connection connection = TargetSession.connectToServerOnly(spec)) {
            refuseExisting(dialect.schemaExists(connection, spec.schema()), spec, "schema " + spec.schema());
            dialect.useSchema(connection, spec.schema(), true);
        }
        String drop = "mariadb".equals(dialect.name()) ? "DROP DATABASE IF EXISTS " + dialect.quote(spec.schema())
                : "DROP SCHEMA IF EXISTS " + dialect.quote(spec.schema()) + " CASCADE";
        return new NewTarget(spec, "schema " + spec.schema(), () -> {
            try (Connection connection = TargetSession.connectToServerOnly(spec)) {
                Jdbc.execute(connection, drop);
            }
        });
    }

    private static NewTarget database(TargetSpec spec, Dialect dialect, JdbcUrls.DatabaseInUrl url) throws SQLException {
        String name = url.database();
        boolean postgres = "postgresql".equals(dialect.name());
        TargetSpec server = new TargetSpec(url.with(postgres ? "postgres" : ""), spec.user(),
                spec.password(), null, spec.historyTable());
        try (Connection connection = TargetSession.connectToServer(server)) {
            String exists = postgres ? "SELECT 1 FROM pg_database WHERE datname = ?"
                    : "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
            refuseExisting(Jdbc.queryString(connection, exists, name) != null, spec, "database " + name);
            Jdbc.execute(connection, "CREATE DATABASE " + dialect.quote(name));
        }
        return new NewTarget(spec, "database " + name, () -> {
            try (Connection connection = TargetSession.connectToServer(server)) {
                Jdbc.execute(connection, "DROP DATABASE IF EXISTS " + dialect.quote(name) + (postgres ? " WITH (FORCE)" : ""));
            }
        });
    }

    private static NewTarget sqliteFile(TargetSpec spec) {
        Path file = Path.of(spec.url().substring("jdbc:sqlite:".length()).split("\\?")[0]);
        refuseExisting(Files.exists(file), spec, "file " + file);
        return new NewTarget(spec, "file " + file, () -> {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        });
    }

    private static void refuseExisting(boolean exists, TargetSpec spec, String what) {
        if (exists) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The " + what + " of " + spec.displayName() + " exists already:"
                    + " provisioning creates a new one and never takes over an existing one. Register it with"
                    + " `flotilla tenants add` (then baseline, adopt or deploy), or drop it first.");
        }
    }

    /** What was created, for messages: {@code schema t_acme}. */
    public String what() {
        return what;
    }

    public TargetSpec spec() {
        return spec;
    }

    /** The provisioning succeeded: closing no longer drops the target. */
    public void keep() {
        kept = true;
    }

    @Override
    public void close() {
        if (kept) {
            return;
        }
        try {
            dropper.drop();
        } catch (Exception e) {
            throw new FlotillaException(ErrorCode.INTERNAL, "Could not drop the " + what + " of " + spec.displayName()
                    + " after the failed provisioning: " + Failures.sentence(spec.scrub(String.valueOf(e.getMessage())))
                    + " Drop it by hand.");
        }
    }
}
