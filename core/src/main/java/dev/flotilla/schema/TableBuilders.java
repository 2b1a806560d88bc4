package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.Check;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Policy;
import dev.flotilla.schema.SchemaSnapshot.RowSecurity;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.Trigger;
import dev.flotilla.schema.SchemaSnapshot.Unique;
import dev.flotilla.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the rows of a reader's catalog queries per table, so that each query covers the whole schema; the
 * schema's sequences and routines beside them.
 * Rows for excluded or unknown tables are dropped: a table exists once the column query has named it.
 */
final class TableBuilders {
    private final Set<String> excluded;
    private final Map<String, Builder> tables = new LinkedHashMap<>();
    private final List<View> views = new ArrayList<>();
    final List<SchemaSnapshot.Sequence> sequences = new ArrayList<>();
    final List<SchemaSnapshot.Routine> routines = new ArrayList<>();

    TableBuilders(Set<String> excluded) {
        this.excluded = excluded;
    }

    /** Declares a table (from the table or column query); null when it is excluded. */
    Builder declare(String table) {
        if (excluded.contains(table)) {
            return null;
        }
        return tables.computeIfAbsent(table, Builder::new);
    }

    /** The builder of a declared table, or a sink that drops everything for tables not in the snapshot. */
    Builder of(String table) {
        Builder builder = tables.get(table);
        return builder != null ? builder : new Builder(table);
    }

    /**
     * How a foreign key of a table of {@code ownSchema} references {@code table} of {@code schema} ({@link TableReference}),
     * told apart from the tables declared so far: a reader declares every table before it reads the keys.
     */
    String reference(String ownSchema, String schema, String table, char quote) {
        return TableReference.of(ownSchema, schema, table, quote, tables.keySet());
    }

    void view(String name, String definition) {
        view(new View(name, definition));
    }

    void view(View view) {
        if (!excluded.contains(view.name())) {
            views.add(view);
        }
    }

    SchemaSnapshot build(String dialect) {
        boolean caseSensitive = "postgresql".equals(dialect);
        return new SchemaSnapshot(dialect, tables.values().stream().map(b -> b.build(caseSensitive)).toList(), views,
                sequences.stream().filter(s -> !excluded.contains(s.name())).toList(), routines);
    }

    static final class Builder {
        private final String name;
        final List<Column> columns = new ArrayList<>();
        List<String> primaryKey = List.of();
        final List<Index> indexes = new ArrayList<>();
        final List<Unique> uniques = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();
        final List<Trigger> triggers = new ArrayList<>();
        final List<Policy> policies = new ArrayList<>();
        RowSecurity rowSecurity = RowSecurity.OFF;

        private Builder(String name) {
            this.name = name;
        }

        Table build(boolean caseSensitiveNames) {
            return new Table(name, columns, primaryKey, indexes, uniques, foreignKeys, checks, triggers, rowSecurity, policies,
                    caseSensitiveNames);
        }
    }

    /** Text from the catalog with whitespace runs folded and references to the target's own schema removed. */
    static String normalize(String text, String schema, char quote) {
        if (text == null) {
            return null;
        }
        String unqualified = text.replace(quote + schema + quote + ".", "")
                .replaceAll("(?i)(?<![\\w$" + (quote == '"' ? "\"" : "`") + "])" + java.util.regex.Pattern.quote(schema) + "\\.", "");
        return unqualified.replaceAll("\\s+", " ").strip();
    }
}
