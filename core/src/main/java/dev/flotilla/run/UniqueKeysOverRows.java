package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.target.TargetSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a dry run on a structure-only clone can still tell of the data: a unique key its scripts add (a down file
 * restoring one, say) over a table of the real target whose rows it would reject. Reads the target only, one
 * {@code GROUP BY ... HAVING COUNT(*) > 1} per new unique key; NOT NULL, checks and foreign keys are not checked.
 */
final class UniqueKeysOverRows {
    private static final int SHOWN = 3;

    private UniqueKeysOverRows() {
    }

    /** A reason to fail per unique key added between {@code before} and {@code after} that rows of the target repeat. */
    static List<String> rejections(TargetSession target, SchemaSnapshot targetBefore, SchemaSnapshot before, SchemaSnapshot after,
                                   int sampleRows) throws SQLException {
        String copy = sampleRows == 0 ? "the clone holds no rows" : "the clone holds " + sampleRows + " sample row(s) per table"
                + " at the most, maybe not these";
        List<String> rejections = new ArrayList<>();
        for (Table table : after.tables()) {
            if (targetBefore.table(table.name()).isEmpty() || before.table(table.name()).isEmpty()) {
                continue; // a table the scripts create holds no rows yet
            }
            Set<List<String>> had = keys(before.table(table.name()).orElseThrow()).stream().map(UniqueKeysOverRows::lower)
                    .collect(Collectors.toSet());
            for (List<String> key : keys(table)) {
                if (!had.contains(lower(key))) {
                    String repeated = repeated(target, table.name(), key);
                    if (repeated != null) {
                        rejections.add("The rows of " + table.name() + " on " + target.spec().displayName() + " repeat " + repeated
                                + ", which the unique key on " + table.name() + " (" + String.join(", ", key) + ") the scripts"
                                + " add would reject: " + copy + ", so this would fail on the real target."
                                + " Remove the duplicates before deploying (a migration removing them first ran over "
                                + (sampleRows == 0 ? "no rows" : "the sample only") + " here).");
                    }
                }
            }
        }
        return rejections;
    }

    private static Set<List<String>> keys(Table table) {
        Set<List<String>> keys = new LinkedHashSet<>();
        table.indexes().stream().filter(i -> i.unique() && i.where() == null).forEach(i -> keys.add(i.columns()));
        table.uniques().forEach(u -> keys.add(u.columns()));
        return keys;
    }

    private static List<String> lower(List<String> columns) {
        return columns.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** Up to three values the table's rows hold more than once in {@code key}, with how often; null when none. */
    private static String repeated(TargetSession target, String table, List<String> key) throws SQLException {
        var dialect = target.dialect();
        String columns = key.stream().map(dialect::quote).collect(Collectors.joining(", "));
        String sql = "SELECT " + columns + ", COUNT(*) FROM " + dialect.quote(table) + " WHERE "
                + key.stream().map(c -> dialect.quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " GROUP BY " + columns + " HAVING COUNT(*) > 1";
        List<String> found = new ArrayList<>();
        try (Statement statement = target.connection().createStatement()) {
            statement.setMaxRows(SHOWN);
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= key.size(); i++) {
                        values.add("'" + rows.getString(i) + "'");
                    }
                    found.add(String.join(", ", values) + " x" + rows.getLong(key.size() + 1));
                }
            }
        }
        return found.isEmpty() ? null : String.join("; ", found);
    }
}
