package dev.flotilla.verify;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** The number of rows of every table of a target (of one tenant, in a shared schema), counted in one query. */
public record RowCounts(Map<String, Long> byTable) {
    public RowCounts {
        byTable = Map.copyOf(byTable);
    }

    public static RowCounts count(Connection connection, Dialect dialect, String schema, SchemaSnapshot snapshot,
                                  TenantScope scope) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (snapshot.tables().isEmpty()) {
            return new RowCounts(counts);
        }
        StringBuilder sql = new StringBuilder();
        for (Table table : snapshot.tables()) {
            if (!sql.isEmpty()) {
                sql.append(" UNION ALL ");
            }
            boolean scoped = scope.shared() && table.column(scope.column()).isPresent();
            sql.append("SELECT '").append(table.name().replace("'", "''")).append("', COUNT(*) FROM ")
                    .append(dialect.quote(schema)).append('.').append(dialect.quote(table.name()))
                    .append(scoped ? " WHERE " + dialect.quote(table.column(scope.column()).get().name()) + " = '"
                            + scope.value().replace("'", "''") + "'" : "");
        }
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return new RowCounts(counts);
    }
}
