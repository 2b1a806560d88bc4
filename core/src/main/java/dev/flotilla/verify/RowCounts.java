package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The number of rows of every table of a target, counted in one query; in a shared schema, those of one tenant in
 * the tables with the tenant column, or those of the tables without it ({@link TenantScope#sharedTables}). Taken
 * before a deployment, also the orphan rows of each foreign key ({@link ForeignKeyOrphans}), for {@code fk-orphans}.
 *
 * @param scope whose rows were counted, and so are counted again to compare
 * @param orphansByKey each foreign key's orphan rows in the scope, by {@link ForeignKeyOrphans}' name; null when
 *     they were not counted
 */
public record RowCounts(Map<String, Long> byTable, TenantScope scope, Map<String, Long> orphansByKey) {
    public RowCounts {
        byTable = Map.copyOf(byTable);
        scope = scope == null ? TenantScope.WHOLE_TARGET : scope;
        orphansByKey = orphansByKey == null ? null : Map.copyOf(orphansByKey);
    }

    public RowCounts(Map<String, Long> byTable, TenantScope scope) {
        this(byTable, scope, null);
    }

    /** Counts of the whole target. */
    public RowCounts(Map<String, Long> byTable) {
        this(byTable, TenantScope.WHOLE_TARGET);
    }

    /** These counts with the orphan rows of each foreign key of {@code snapshot}'s tables in the same scope. */
    public RowCounts withOrphans(Connection connection, Dialect dialect, String schema, SchemaSnapshot snapshot)
            throws SQLException {
        return new RowCounts(byTable, scope, ForeignKeyOrphans.count(connection, dialect, schema, snapshot, scope));
    }

    /** These counts with no foreign key's orphans: what a target without its schema yet had. */
    public RowCounts withNoOrphans() {
        return new RowCounts(byTable, scope, Map.of());
    }

    public static RowCounts count(Connection connection, Dialect dialect, String schema, SchemaSnapshot snapshot,
                                  TenantScope scope) throws SQLException {
        return count(connection, dialect, schema, snapshot.tables().stream().filter(scope::covers).toList(), scope);
    }

    /**
     * The rows now of the tables counted before, counted as they were: a shared table that got the tenant column
     * since (an adoption) is still counted whole, against its count from before.
     */
    RowCounts again(Connection connection, Dialect dialect, String schema, SchemaSnapshot snapshot) throws SQLException {
        return count(connection, dialect, schema, snapshot.tables().stream().filter(t -> byTable.containsKey(t.name())).toList(),
                scope);
    }

    private static RowCounts count(Connection connection, Dialect dialect, String schema, List<Table> tables,
                                   TenantScope scope) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return new RowCounts(counts, scope);
        }
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        for (Table table : tables) {
            if (!sql.isEmpty()) {
                sql.append(" UNION ALL ");
            }
            Optional<Column> column = scope.shared() ? table.column(scope.column()) : Optional.empty();
            sql.append("SELECT '").append(table.name().replace("'", "''")).append("', COUNT(*) FROM ")
                    .append(dialect.quote(schema)).append('.').append(dialect.quote(table.name()));
            if (column.isPresent()) {
                sql.append(" WHERE ").append(TenantScope.condition(dialect, "", column.get()));
                parameters.add(scope.value());
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return new RowCounts(counts, scope);
    }
}
