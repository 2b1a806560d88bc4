package dev.flotilla.schema;

import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link SchemaSnapshot} from the catalog of one dialect, in a handful of queries whatever the
 * number of tables. Implementations are stateless and thread-safe; the connection is only read.
 */
public interface SnapshotReader {

    /**
     * Reads {@code schema}, leaving out the tables named in {@code excluded} (compared case-insensitively).
     * A schema that does not exist reads as empty.
     */
    SchemaSnapshot read(Connection connection, String schema, Set<String> excluded) throws SQLException;

    /**
     * Reads several schemas of one server; a dialect that can (PostgreSQL) does it in the queries of one.
     * Schemas that do not exist read as empty.
     */
    default java.util.Map<String, SchemaSnapshot> readAll(Connection connection, java.util.Collection<String> schemas,
                                                          Set<String> excluded) throws SQLException {
        java.util.Map<String, SchemaSnapshot> snapshots = new java.util.LinkedHashMap<>();
        for (String schema : schemas) {
            snapshots.put(schema, read(connection, schema, excluded));
        }
        return snapshots;
    }

    static SnapshotReader forDialect(Dialect dialect) {
        return switch (dialect.name()) {
            case "postgresql" -> new PostgresSnapshotReader();
            case "mariadb" -> new MariaDbSnapshotReader();
            case "sqlite" -> new SqliteSnapshotReader(dialect.text());
            case "h2" -> new H2SnapshotReader();
            default -> throw new IllegalArgumentException("No snapshot reader for " + dialect.name());
        };
    }

    /** The target's schema without Flotilla's history table and its lock table. */
    static SchemaSnapshot of(TargetSession session) throws SQLException {
        if (!session.schemaExists()) {
            return new SchemaSnapshot(session.dialect().name(), java.util.List.of(), java.util.List.of());
        }
        return forDialect(session.dialect()).read(session.connection(), session.schema(), flotillaTables(session));
    }

    /** The tables Flotilla owns in a target: never part of a snapshot. */
    static Set<String> flotillaTables(TargetSession session) {
        return flotillaTables(session.spec().historyTable());
    }

    /** The tables Flotilla owns beside the history table {@code historyTable}, compared case-insensitively. */
    static Set<String> flotillaTables(String historyTable) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.add(historyTable);
        names.add(historyTable + "_lock");
        return names;
    }
}
