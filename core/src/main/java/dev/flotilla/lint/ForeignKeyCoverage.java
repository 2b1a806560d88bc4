package dev.flotilla.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rule {@code fk-without-index}: a foreign key the run adds needs an index starting with its columns, the run's own
 * or one the target has. Keys and indexes follow their table through the run (renamed with it, gone with it), and a
 * key a later statement drops by name needs none; decided once every script is read, since the index often comes
 * after the key. Not thread-safe; one per lint call.
 */
final class ForeignKeyCoverage {
    private final Map<String, List<List<String>>> indexes = new HashMap<>();
    private final List<ForeignKeyUse> foreignKeys = new ArrayList<>();

    /** A foreign key the run added; {@code name} the one its definition gives, null when the database names it. */
    private record ForeignKeyUse(String table, List<String> columns, String name, String script, int line) {
        /**
         * Its name in {@code dialect}, so that a later {@code DROP CONSTRAINT} of it is known: the one given, or
         * PostgreSQL's own ({@code table_col_fkey}, unless it is too long for its 63 characters); null when not known.
         */
        String nameIn(String dialect) {
            String own = table + "_" + String.join("_", columns) + "_fkey";
            return name != null ? name : "postgresql".equals(dialect) && own.length() <= 63 ? own : null;
        }
    }

    void foreignKey(String table, List<String> columns, String name, String script, int line) {
        foreignKeys.add(new ForeignKeyUse(table, columns, name, script, line));
    }

    /** An index, primary key or unique key on {@code columns}, lower-case, in order. */
    void index(String table, List<String> columns) {
        indexes.computeIfAbsent(table, t -> new ArrayList<>()).add(columns);
    }

    /** A constraint dropped by name: the foreign key of that name, in {@code dialect}'s naming, needs no index. */
    void constraintDropped(String table, String name, String dialect) {
        foreignKeys.removeIf(fk -> fk.table().equals(table) && name.equals(fk.nameIn(dialect)));
    }

    void renamed(String from, String to) {
        List<List<String>> moved = indexes.remove(from);
        if (moved != null) {
            indexes.put(to, moved);
        }
        foreignKeys.replaceAll(fk -> fk.table().equals(from)
                ? new ForeignKeyUse(to, fk.columns(), fk.name(), fk.script(), fk.line()) : fk);
    }

    /** A dropped table: its keys and indexes are gone with it. */
    void dropped(String table) {
        indexes.remove(table);
        foreignKeys.removeIf(fk -> fk.table().equals(table));
    }

    /** Reports every key left without an index that starts with its columns. */
    void report(LintContext context, LintReport report) {
        if ("mariadb".equals(context.dialect().name())) {
            return; // InnoDB creates an index for every foreign key that has none.
        }
        for (ForeignKeyUse fk : foreignKeys) {
            List<List<String>> candidates = new ArrayList<>(indexes.getOrDefault(fk.table(), List.of()));
            candidates.addAll(context.tables().indexedColumns(fk.table()).stream()
                    .map(cols -> cols.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()).toList());
            boolean covered = candidates.stream().anyMatch(cols -> cols.size() >= fk.columns().size()
                    && cols.subList(0, fk.columns().size()).equals(fk.columns()));
            if (!covered) {
                report.report(LintRule.FOREIGN_KEY_WITHOUT_INDEX, fk.script(), fk.line(), "adds a foreign key on "
                        + fk.table() + " " + fk.columns() + " without an index starting with those columns: deleting or"
                        + " updating a referenced row scans " + fk.table() + ", and joins on it are slow.", "Add CREATE INDEX"
                        + " ON " + fk.table() + " (" + String.join(", ", fk.columns()) + ").");
            }
        }
    }
}
