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
        List<String> parameters = new ArrayList<>();
        for (Table table : snapshot.tables()) {
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
        return new RowCounts(counts);
    }
}
