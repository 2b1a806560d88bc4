package dev.flotilla.schema;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One list of a {@link SchemaChanges}' summary: the objects of one kind created ({@code tablesCreated}, one per kind; the
 * functions and procedures in one, {@code routinesCreated}, each said after its kind), or those of any kind, each said
 * after its kind, ensured, replaced, recreated, renamed or dropped; its key (JSON), its label as a deployment's and as a
 * rollback's results say it, and how its log line reads back.
 *
 * @param kinds the kinds it holds, in the order of {@link Kind}; empty for any
 */
record ChangeList(String key, String label, String rollbackLabel, List<Kind> kinds, Change change) {
    static final List<ChangeList> ALL = all();
    private static final Map<String, ChangeList> BY_LABEL = byLabel();

    private static List<ChangeList> all() {
        Map<String, List<Kind>> byKey = new java.util.LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            byKey.computeIfAbsent(kind.key(), key -> new ArrayList<>()).add(kind);
        }
        List<ChangeList> lists = new ArrayList<>();
        byKey.forEach((key, kinds) -> lists.add(new ChangeList(key, kinds.get(0).label(), kinds.get(0).restoredLabel(),
                kinds, Change.CREATED)));
        lists.add(new ChangeList("ensured", "Created or already there", "Restored or already there", List.of(), Change.ENSURED));
        lists.add(new ChangeList("replaced", "Created or replaced", "Restored or replaced", List.of(), Change.REPLACED));
        lists.add(new ChangeList("recreated", "Recreated", "Recreated", List.of(), Change.RECREATED));
        lists.add(new ChangeList("renamed", "Renamed", "Renamed", List.of(), Change.RENAMED));
        lists.add(new ChangeList("dropped", "Dropped", "Dropped", List.of(), Change.DROPPED));
        return List.copyOf(lists);
    }

    ChangeList {
        kinds = List.copyOf(kinds);
    }

    /** Whether its items are each said after their kind: those of several kinds. */
    private boolean withKind() {
        return kinds.size() != 1;
    }

    String label(boolean rollback) {
        return rollback ? rollbackLabel : label;
    }

    boolean holds(DdlObject object) {
        return object.change() == change && (kinds.isEmpty() || kinds.contains(object.kind()));
    }

    /** Its items, a name on several tables ({@code shared}) said with its table: {@code positive on orders}. */
    List<String> items(List<DdlObject> objects, Function<String, String> name, Set<String> shared) {
        return objects.stream().filter(this::holds).map(o -> SchemaChanges.item(o, withKind(), name)
                + (shared.contains(sharedKey(o)) ? " on " + name.apply(o.table()) : "")).toList();
    }

    /**
     * The objects of one kind and name said on more than one table (PostgreSQL's constraint names are a table's own),
     * which a list says with their tables so that two are not read as one.
     */
    static Set<String> onSeveralTables(List<DdlObject> objects) {
        Map<String, Set<String>> tables = new HashMap<>();
        objects.stream().filter(o -> o.table() != null)
                .forEach(o -> tables.computeIfAbsent(sharedKey(o), k -> new HashSet<>()).add(o.table()));
        Set<String> shared = new HashSet<>();
        tables.forEach((key, on) -> {
            if (on.size() > 1) {
                shared.add(key);
            }
        });
        return shared;
    }

    private static String sharedKey(DdlObject object) {
        return object.kind() + " " + object.name();
    }

    /** As a task's log writes them: quoted where they would read otherwise, a named one with its table. */
    List<String> logItems(List<DdlObject> objects) {
        return objects.stream().filter(this::holds)
                .map(o -> SchemaChanges.item(o, withKind(), LogNames::quoted) + (o.table() == null ? ""
                        : " on " + LogNames.quoted(o.table()))).toList();
    }

    /**
     * The kind said next, read past its word; of a list of one kind's created ones (the routines') said with no word, as
     * logs before wrote them, its first kind (a routine).
     */
    private Kind kind(LogNames.Reader reader) {
        for (Kind kind : kinds.isEmpty() ? List.of(Kind.values()) : kinds) {
            if (reader.skip(kind.word() + " ")) {
                return kind;
            }
        }
        return kinds.isEmpty() ? null : kinds.get(0);
    }

    /** The list a log line's label (lower case, in either words) names; null for none. */
    static ChangeList labelled(String label) {
        return BY_LABEL.get(label);
    }

    private static Map<String, ChangeList> byLabel() {
        Map<String, ChangeList> lists = new HashMap<>();
        for (ChangeList list : ALL) {
            lists.put(list.label.toLowerCase(Locale.ROOT), list);
            lists.putIfAbsent(list.rollbackLabel.toLowerCase(Locale.ROOT), list);
        }
        return Map.copyOf(lists);
    }

    /** The objects of a log line's list, as {@link SchemaChanges#appendTo} wrote it (or, unquoted, an older log). */
    List<DdlObject> read(String items) {
        List<DdlObject> objects = new ArrayList<>();
        if (!withKind()) {
            LogNames.items(items).forEach(item -> objects.add(new DdlObject(kinds.get(0), change, item[0]).on(item[1])));
            return objects;
        }
        LogNames.Reader reader = new LogNames.Reader(items);
        while (reader.more()) {
            Kind of = kind(reader);
            String name = reader.name(change == Change.RENAMED ? " to " : ", ");
            String renamed = change == Change.RENAMED && reader.skip(" to ") ? reader.name(", ") : null;
            String table = reader.table();
            reader.skip(", ");
            if (of != null && (change != Change.RENAMED || renamed != null)) {
                objects.add(renamed == null ? new DdlObject(of, change, name, null, table)
                        : new DdlObject(of, change, renamed, name, table));
            }
        }
        return objects;
    }
}
