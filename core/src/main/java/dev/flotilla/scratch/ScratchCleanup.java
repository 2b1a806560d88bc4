package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Finds and drops the scratch databases ({@code flotilla_dry_*}) that dry runs left on a server when their
 * process was killed, and on PostgreSQL the scratch schemas of drift checks in the connected database. H2 and
 * SQLite scratch copies live in memory or temporary files and leave nothing.
 */
public final class ScratchCleanup {
    private ScratchCleanup() {
    }

    /** The scratch databases on the spec's server. */
    public static List<String> find(TargetSpec spec) throws SQLException {
        Dialect dialect = Dialect.forUrl(spec.url());
        String query = switch (dialect.name()) {
            case "postgresql" -> "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname";
            case "mariadb" -> "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY SCHEMA_NAME";
            default -> null;
        };
        if (query == null) {
            return List.of();
        }
        try (Connection connection = TargetSession.connectToServerOnly(spec)) {
            List<String> names = new java.util.ArrayList<>(Jdbc.queryStrings(connection, query, ScratchNames.likePattern()));
            if ("postgresql".equals(dialect.name())) {
                names.addAll(Jdbc.queryStrings(connection, "SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname LIKE ?"
                        + " ORDER BY nspname", ScratchNames.likePattern()));
            }
            return names;
        }
    }

    /** Drops every scratch database on the spec's server, returning their names. */
    public static List<String> dropAll(TargetSpec spec) throws SQLException {
        List<String> names = find(spec);
        if (names.isEmpty()) {
            return names;
        }
        Dialect dialect = Dialect.forUrl(spec.url());
        try (Connection connection = TargetSession.connectToServerOnly(spec)) {
            for (String name : names) {
                Jdbc.execute(connection, name.startsWith("schema ") ? "DROP SCHEMA IF EXISTS "
                        + dialect.quote(name.substring(7)) + " CASCADE" : "DROP DATABASE IF EXISTS " + dialect.quote(name)
                        + ("postgresql".equals(dialect.name()) ? " WITH (FORCE)" : ""));
            }
        }
        return names;
    }
}
