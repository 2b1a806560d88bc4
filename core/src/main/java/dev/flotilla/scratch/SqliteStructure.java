package dev.flotilla.scratch;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A SQLite database's structure: the CREATE statements it keeps in {@code sqlite_master}, in the order they ran. */
final class SqliteStructure {
    private SqliteStructure() {
    }

    static List<String> statements(TargetSession source, Set<String> excluded) throws SQLException {
        List<String> statements = new ArrayList<>();
        List<String> rows = Jdbc.queryStrings(source.connection(), "SELECT type || char(0) || tbl_name || char(0) || sql"
                + " FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY"
                + " CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid");
        for (String row : rows) {
            String[] parts = row.split("\u0000", 3);
            if (excluded.stream().noneMatch(parts[1]::equalsIgnoreCase)) {
                statements.add(parts[2]);
            }
        }
        return statements;
    }
}
