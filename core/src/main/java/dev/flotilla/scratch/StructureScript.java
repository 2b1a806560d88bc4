package dev.flotilla.scratch;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements that build a target's structure again (tables, keys, indexes, constraints, sequences,
 * functions, views, triggers; no rows, not Flotilla's history table), with the target's own schema name
 * replaced by a token so that they can build it in another schema: a baseline for a new tenant. Read with
 * each database's own tools: {@code pg_dump --schema-only}, MariaDB's {@code SHOW CREATE}, SQLite's stored
 * statements, H2's {@code SCRIPT NODATA}. Immutable.
 */
public record StructureScript(String dialect, List<String> statements) {
    /** Stands for the schema the statements build in. */
    static final String SCHEMA_TOKEN = "flotilla_structure_schema_token";

    public StructureScript {
        statements = List.copyOf(statements);
    }

    /** Reads {@code source}'s structure, leaving out {@code excluded} tables (compared case-insensitively). */
    public static StructureScript of(TargetSession source, Set<String> excluded) throws SQLException {
        return of(source, excluded, null);
    }

    /**
     * As {@link #of(TargetSession, Set)}, from a target other sessions use: PostgreSQL's pg_dump, which reads on a
     * connection of its own, waits for a table another session holds no longer than {@code lockTimeout} (null: without
     * bound), then fails with {@code LOCK_TIMEOUT}. The other dialects read on {@code source}, bounded by its settings.
     */
    public static StructureScript of(TargetSession source, Set<String> excluded, java.time.Duration lockTimeout)
            throws SQLException {
        List<String> statements = switch (source.dialect().name()) {
            case "postgresql" -> PostgresStructure.statements(source, excluded, lockTimeout);
            case "mariadb" -> MariaDbStructure.statements(source, excluded);
            case "sqlite" -> SqliteStructure.statements(source, excluded);
            case "h2" -> H2Structure.statements(source, excluded);
            default -> throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Copying a schema's structure is not"
                    + " supported on " + source.dialect().name() + " yet.");
        };
        return new StructureScript(source.dialect().name(), statements);
    }

    /**
     * Builds the structure in {@code target}'s schema (which must exist and be empty). Statements that need
     * another one first (a view on a view, on MariaDB) are tried again until nothing is left or nothing moves.
     */
    public void applyTo(TargetSession target) throws SQLException {
        String schema = target.dialect().quote(target.schema());
        List<String> sql = statements.stream().map(s -> s.replace(SCHEMA_TOKEN, Matcher.quoteReplacement(schema))).toList();
        try {
            executeInAnyOrder(target.connection(), sql);
        } catch (SQLException e) {
            throw new SQLException("Building the structure in " + target.schema() + " failed: " + e.getMessage(),
                    e.getSQLState(), e.getErrorCode(), e);
        }
        target.dialect().enterSchema(target.connection(), target.schema());
    }

    /**
     * Runs statements, trying those that fail again after the others (a view on a view created first), until
     * none is left or a round creates nothing; then throws the last error, naming its statement.
     */
    static void executeInAnyOrder(Connection connection, List<String> statements) throws SQLException {
        List<String> left = new ArrayList<>(statements);
        while (!left.isEmpty()) {
            List<String> failed = new ArrayList<>();
            SQLException first = null;
            for (String sql : left) {
                try {
                    Jdbc.execute(connection, sql);
                } catch (SQLException e) {
                    failed.add(sql);
                    first = first == null ? e : first;
                }
            }
            if (failed.size() == left.size()) {
                throw new SQLException("\"" + oneLine(failed.get(0)) + "\": " + first.getMessage(), first.getSQLState(),
                        first.getErrorCode(), first);
            }
            left = failed;
        }
    }

    /** {@code schema.} (bare or quoted) in {@code sql} replaced by the token: the references a copy must move. */
    static String tokenize(String sql, String schema, Dialect dialect) {
        String quoted = Pattern.quote(dialect.quote(schema));
        String bare = "(?<![\\w$\"`])" + Pattern.quote(schema);
        return sql.replaceAll("(" + quoted + "|" + bare + ")(?=\\.)", SCHEMA_TOKEN);
    }

    private static String oneLine(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
