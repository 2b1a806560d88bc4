package dev.flotilla.schema;

import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Change;
import dev.flotilla.schema.SchemaDiff.Kind;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The changes inside one table that exists before and after. */
final class TableDiff {
    private TableDiff() {
    }

    static void compare(Table before, Table after, List<Change> changes) {
        String table = after.name();
        compareColumns(before, after, changes);
        if (!before.primaryKey().equals(after.primaryKey())) {
            changes.add(new Change(Kind.CONSTRAINT, Action.CHANGED, table + " primary key",
                    before.primaryKey() + " -> " + after.primaryKey()));
        }
        compare(before.indexes(), after.indexes(), SchemaSnapshot.Index::identity,
                i -> displayName(i.name(), table, i.identity()), i -> "on " + table + " " + i.identity(), Kind.INDEX, changes);
        compare(before.uniques(), after.uniques(), SchemaSnapshot.Unique::identity,
                u -> displayName(u.name(), table, "unique " + u.identity()), u -> "unique on " + table + " " + u.identity(),
                Kind.CONSTRAINT, changes);
        compare(before.foreignKeys(), after.foreignKeys(), SchemaSnapshot.ForeignKey::identity,
                f -> displayName(f.name(), table, "foreign key (" + String.join(", ", f.columns()) + ")"),
                f -> "foreign key on " + table + " " + f.identity(), Kind.CONSTRAINT, changes);
        compare(before.checks(), after.checks(), SchemaSnapshot.Check::identity,
                c -> displayName(c.name(), table, "check " + c.expression()), c -> "check on " + table + " " + c.expression(),
                Kind.CONSTRAINT, changes);
        // A trigger is matched by name: one whose timing, event or body was edited is changed, not dropped and added.
        SchemaDiff.compareByName(before.triggers(), after.triggers(), SchemaSnapshot.Trigger::name,
                SchemaSnapshot.Trigger::identity, t -> t.timing() + " " + t.event() + " on " + table, Kind.TRIGGER, changes);
        compare(before.policies(), after.policies(), SchemaSnapshot.Policy::identity, p -> p.name(),
                p -> "on " + table + " for " + p.command(), Kind.POLICY, changes);
        if (!before.rowSecurity().equals(after.rowSecurity())) {
            changes.add(new Change(Kind.ROW_SECURITY, Action.CHANGED, table, before.rowSecurity() + " -> " + after.rowSecurity()));
        }
    }

    private static void compareColumns(Table before, Table after, List<Change> changes) {
        Map<String, Column> old = SchemaDiff.index(before.columns(), c -> c.name().toLowerCase());
        Map<String, Column> now = SchemaDiff.index(after.columns(), c -> c.name().toLowerCase());
        now.forEach((key, column) -> {
            Column previous = old.get(key);
            String name = after.name() + "." + column.name();
            if (previous == null) {
                changes.add(new Change(Kind.COLUMN, Action.ADDED, name, column.describe()));
            } else if (!previous.equals(column)) {
                changes.add(new Change(Kind.COLUMN, Action.CHANGED, name, columnChange(previous, column)));
            }
        });
        old.forEach((key, column) -> {
            if (!now.containsKey(key)) {
                changes.add(new Change(Kind.COLUMN, Action.REMOVED, after.name() + "." + column.name(), ""));
            }
        });
    }

    private static String columnChange(Column before, Column after) {
        List<String> parts = new ArrayList<>();
        if (!before.type().equals(after.type())) {
            parts.add("type " + before.type() + " -> " + after.type());
        }
        if (before.nullable() != after.nullable()) {
            parts.add(after.nullable() ? "now nullable" : "now not null");
        }
        if (!Objects.equals(before.defaultValue(), after.defaultValue())) {
            parts.add("default " + before.defaultValue() + " -> " + after.defaultValue());
        }
        return String.join(", ", parts);
    }

    private static <T> void compare(List<T> before, List<T> after, Function<T, String> identity, Function<T, String> name,
                                    Function<T, String> detail, Kind kind, List<Change> changes) {
        Map<String, T> old = SchemaDiff.index(before, identity);
        Map<String, T> now = SchemaDiff.index(after, identity);
        now.forEach((key, item) -> {
            if (!old.containsKey(key)) {
                changes.add(new Change(kind, Action.ADDED, name.apply(item), detail.apply(item)));
            }
        });
        old.forEach((key, item) -> {
            if (!now.containsKey(key)) {
                changes.add(new Change(kind, Action.REMOVED, name.apply(item), detail.apply(item)));
            }
        });
    }

    private static String displayName(String name, String table, String structure) {
        return name != null ? name : table + " " + structure;
    }
}
