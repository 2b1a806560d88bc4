package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two snapshots of one target, per kind of object. Objects are matched by their
 * identity (a table or column by name, an index or constraint by its structure), so renaming a generated
 * name is not a change. The indexes and constraints of a created or dropped table are part of that table's
 * change, not listed again.
 */
public record SchemaDiff(List<Change> changes) {
    public SchemaDiff {
        changes = List.copyOf(changes);
    }

    /** The same diff, {@code scrub} applied to each change's detail (a view's query, a column's default). */
    public SchemaDiff masked(java.util.function.UnaryOperator<String> scrub) {
        return new SchemaDiff(changes.stream().map(c -> new Change(c.kind(), c.action(), c.name(), scrub.apply(c.detail())))
                .toList());
    }

    public enum Kind { TABLE, COLUMN, INDEX, CONSTRAINT, VIEW, TRIGGER, POLICY, ROW_SECURITY, SEQUENCE, ROUTINE }

    public enum Action { ADDED, REMOVED, CHANGED }

    /**
     * One change.
     *
     * @param name what a reader calls it: {@code serials}, {@code serials.status}, {@code uniq_ticket_seq}
     * @param detail what it is or how it changed, for people
     */
    public record Change(Kind kind, Action action, String name, String detail) {
        @Override
        public String toString() {
            return action.name().toLowerCase() + " " + kind.name().toLowerCase().replace('_', ' ') + " " + name
                    + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    public static SchemaDiff between(SchemaSnapshot before, SchemaSnapshot after) {
        List<Change> changes = new ArrayList<>();
        for (Table table : after.tables()) {
            before.table(table.name()).ifPresentOrElse(old -> TableDiff.compare(old, table, changes),
                    () -> changes.add(new Change(Kind.TABLE, Action.ADDED, table.name(), table.columns().size() + " column(s)")));
        }
        for (Table table : before.tables()) {
            if (after.table(table.name()).isEmpty()) {
                changes.add(new Change(Kind.TABLE, Action.REMOVED, table.name(), ""));
            }
        }
        compareViews(before.views(), after.views(), changes);
        compareByName(before.sequences(), after.sequences(), SchemaSnapshot.Sequence::name, SchemaSnapshot.Sequence::definition,
                s -> s.definition().isEmpty() ? "" : s.definition(), Kind.SEQUENCE, changes);
        compareByName(before.routines(), after.routines(), SchemaSnapshot.Routine::signature,
                SchemaSnapshot.Routine::definition, SchemaSnapshot.Routine::kind, Kind.ROUTINE, changes);
        return new SchemaDiff(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The names of the changes of one kind and action, in order. */
    public List<String> names(Kind kind, Action action) {
        return changes.stream().filter(c -> c.kind() == kind && c.action() == action).map(Change::name).toList();
    }

    /**
     * The summary a dry-run report shows: {@code tablesCreated}, {@code indexesAdded}, {@code constraintsAdded},
     * {@code columnsAdded}, {@code columnsChanged}, {@code viewsCreated}, {@code triggersAdded},
     * {@code policiesAdded}, {@code sequencesCreated}, {@code routinesCreated}, {@code routinesChanged} (a function or
     * procedure whose definition changed), {@code changed} (everything else that changed) and {@code dropped}
     * (everything removed).
     */
    public Map<String, List<String>> summary() {
        Map<String, List<String>> summary = new LinkedHashMap<>();
        summary.put("tablesCreated", names(Kind.TABLE, Action.ADDED));
        summary.put("indexesAdded", names(Kind.INDEX, Action.ADDED));
        summary.put("constraintsAdded", names(Kind.CONSTRAINT, Action.ADDED));
        summary.put("columnsAdded", names(Kind.COLUMN, Action.ADDED));
        summary.put("columnsChanged", changes.stream().filter(c -> c.kind() == Kind.COLUMN && c.action() == Action.CHANGED)
                .map(c -> c.name() + ": " + c.detail()).toList());
        summary.put("viewsCreated", names(Kind.VIEW, Action.ADDED));
        summary.put("triggersAdded", names(Kind.TRIGGER, Action.ADDED));
        summary.put("policiesAdded", names(Kind.POLICY, Action.ADDED));
        summary.put("sequencesCreated", names(Kind.SEQUENCE, Action.ADDED));
        summary.put("routinesCreated", names(Kind.ROUTINE, Action.ADDED));
        summary.put("routinesChanged", names(Kind.ROUTINE, Action.CHANGED));
        summary.put("changed", changes.stream().filter(c -> c.action() == Action.CHANGED && c.kind() != Kind.COLUMN
                        && c.kind() != Kind.ROUTINE)
                .map(Change::toString).toList());
        summary.put("dropped", changes.stream().filter(c -> c.action() == Action.REMOVED)
                .map(c -> c.kind().name().toLowerCase().replace('_', ' ') + " " + c.name()).toList());
        return summary;
    }

    private static void compareViews(List<View> before, List<View> after, List<Change> changes) {
        Map<String, View> old = index(before, View::name);
        Map<String, View> now = index(after, View::name);
        now.forEach((name, view) -> {
            View previous = old.get(name);
            if (previous == null) {
                changes.add(new Change(Kind.VIEW, Action.ADDED, name, ""));
            } else if (!Objects.equals(previous.definition(), view.definition())) {
                changes.add(new Change(Kind.VIEW, Action.CHANGED, name, "definition changed"));
            } else if (previous.securityInvoker() != view.securityInvoker()) {
                changes.add(new Change(Kind.VIEW, Action.CHANGED, name, "security_invoker "
                        + (view.securityInvoker() ? "on" : "off")));
            }
        });
        old.keySet().stream().filter(name -> !now.containsKey(name))
                .forEach(name -> changes.add(new Change(Kind.VIEW, Action.REMOVED, name, "")));
    }

    /** Objects matched by name: added, removed, or changed when their definition differs. */
    static <T> void compareByName(List<T> before, List<T> after, Function<T, String> name, Function<T, String> definition,
                                  Function<T, String> detail, Kind kind, List<Change> changes) {
        Map<String, T> old = index(before, name);
        Map<String, T> now = index(after, name);
        now.forEach((key, item) -> {
            T previous = old.get(key);
            if (previous == null) {
                changes.add(new Change(kind, Action.ADDED, key, detail.apply(item)));
            } else if (!Objects.equals(definition.apply(previous), definition.apply(item))) {
                changes.add(new Change(kind, Action.CHANGED, key, "definition changed"));
            }
        });
        old.forEach((key, item) -> {
            if (!now.containsKey(key)) {
                changes.add(new Change(kind, Action.REMOVED, key, detail.apply(item)));
            }
        });
    }

    static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.putIfAbsent(key.apply(item), item));
        return map;
    }
}
