package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a dry run on a structure-only clone can still tell of the data: a unique key its scripts add (a down file
 * restoring one, say) over a table of the real target whose rows it would reject. Reads the target only, one
 * {@code GROUP BY ... HAVING COUNT(*) > 1} per new unique key; NOT NULL, checks and foreign keys are not checked.
 */
final class UniqueKeysOverRows {
    /** The id its failures carry, as a check's. */
    static final String CHECK = "unique-keys";
    private static final int SHOWN = 3;

    private UniqueKeysOverRows() {
    }

    /**
     * A {@code CHECK_FAILED} problem (check {@value #CHECK}) per unique key added between {@code before} and
     * {@code after} that rows of the target repeat, about the script of {@code scripts} that adds it: the first whose
     * statement names the table, the key's columns (or its name) and UNIQUE or PRIMARY KEY; when none does (a key added
     * some other way), the last script, as for a check of the whole run.
     */
    static List<Problem> rejections(TargetSession target, SchemaSnapshot targetBefore, SchemaSnapshot before, SchemaSnapshot after,
                                    int sampleRows, List<PreparedScript> scripts) throws SQLException {
        String copy = sampleRows == 0 ? "the clone holds no rows" : "the clone holds " + sampleRows + " sample row(s) per table"
                + " at the most, maybe not these";
        List<Problem> rejections = new ArrayList<>();
        for (Table table : after.tables()) {
            if (targetBefore.table(table.name()).isEmpty() || before.table(table.name()).isEmpty()) {
                continue; // a table the scripts create holds no rows yet
            }
            Set<List<String>> had = keys(before.table(table.name()).orElseThrow()).keySet().stream().map(UniqueKeysOverRows::lower)
                    .collect(Collectors.toSet());
            for (Map.Entry<List<String>, String> key : keys(table).entrySet()) {
                if (had.contains(lower(key.getKey()))) {
                    continue;
                }
                NewColumns added = NewColumns.of(targetBefore.table(table.name()).orElseThrow(), table, key.getKey());
                if (added == null) {
                    continue; // a column it adds leaves the rows NULL, or gives them values not known here
                }
                String repeated = repeated(target, table.name(), added.existing());
                if (repeated != null) {
                    PreparedScript adding = adding(scripts, table.name(), key.getKey(), key.getValue());
                    rejections.add(new Problem(ErrorCode.CHECK_FAILED, "The rows of " + table.name() + " on "
                            + target.spec().displayName() + " repeat " + repeated + added.sharing()
                            + ", which the unique key on " + table.name() + " (" + String.join(", ", key.getKey()) + ") "
                            + adding.script() + " adds would reject: " + copy + ", so this would fail on the real target."
                            + " Remove the duplicates before deploying (a migration removing them first ran over "
                            + (sampleRows == 0 ? "no rows" : "the sample only") + " here).", idOf(adding), CHECK));
                }
            }
        }
        return rejections;
    }

    /** The table's unique keys (columns), each with its name (null when it has none). */
    private static Map<List<String>, String> keys(Table table) {
        Map<List<String>, String> keys = new LinkedHashMap<>();
        table.indexes().stream().filter(i -> i.unique() && i.where() == null).forEach(i -> keys.putIfAbsent(i.columns(), i.name()));
        table.uniques().forEach(u -> keys.putIfAbsent(u.columns(), u.name()));
        return keys;
    }

    /** The script whose statement adds the key (see {@link #rejections}); the last one when none says so. */
    private static PreparedScript adding(List<PreparedScript> scripts, String table, List<String> columns, String name) {
        for (PreparedScript script : scripts) {
            for (SqlStatement statement : script.statements()) {
                String sql = statement.sql().toLowerCase(Locale.ROOT);
                boolean unique = sql.contains("unique") || sql.contains("primary key");
                boolean named = name != null && sql.contains(name.toLowerCase(Locale.ROOT))
                        || lower(columns).stream().allMatch(sql::contains);
                if (unique && named && sql.contains(table.toLowerCase(Locale.ROOT))) {
                    return script;
                }
            }
        }
        return scripts.get(scripts.size() - 1);
    }

    private static String idOf(PreparedScript script) {
        return script.version() != null ? script.version() : script.script();
    }

    private static List<String> lower(List<String> columns) {
        return columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Up to three values the table's rows hold more than once in {@code key}, with how often; null when none. With no
     * column (every column of the key new, each with one value for all rows), the rows themselves when there are two.
     */
    private static String repeated(TargetSession target, String table, List<String> key) throws SQLException {
        var dialect = target.dialect();
        String columns = key.stream().map(dialect::quote).collect(Collectors.joining(", "));
        String sql = key.isEmpty() ? "SELECT COUNT(*) FROM " + dialect.quote(table) + " HAVING COUNT(*) > 1"
                : "SELECT " + columns + ", COUNT(*) FROM " + dialect.quote(table) + " WHERE "
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
                    found.add(key.isEmpty() ? rows.getLong(1) + " row(s)" : String.join(", ", values) + " x" + rows.getLong(key.size() + 1));
                }
            }
        }
        return found.isEmpty() ? null : String.join("; ", found);
    }
}
