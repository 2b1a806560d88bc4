package dev.flotilla.scratch;

import dev.flotilla.target.TargetSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An H2 schema's structure from {@code SCRIPT NODATA}, without users, without the schema's own CREATE SCHEMA,
 * and without the statements about excluded tables.
 */
final class H2Structure {
    private H2Structure() {
    }

    static List<String> statements(TargetSession source, Set<String> excluded) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement script = source.connection().createStatement(); ResultSet rows = script.executeQuery("SCRIPT NODATA")) {
            while (rows.next()) {
                String sql = rows.getString(1);
                String upper = sql.toUpperCase(java.util.Locale.ROOT);
                boolean ownSchema = upper.startsWith("CREATE SCHEMA") && sql.contains(source.dialect().quote(source.schema()));
                boolean excludedTable = excluded.stream().anyMatch(t -> sql.contains(source.dialect().quote(t)));
                if (!upper.startsWith("CREATE USER") && !ownSchema && !excludedTable) {
                    statements.add(StructureScript.tokenize(sql, source.schema(), source.dialect()));
                }
            }
        }
        return statements;
    }
}
