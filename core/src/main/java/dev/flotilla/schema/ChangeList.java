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
 * One list of a {@link SchemaChanges}' summary: the objects of one kind created ({@code tablesCreated}, one per kind), or
 * those of any kind, each said after its kind, ensured, replaced, recreated, renamed or dropped; its key (JSON), its label as a
 * deployment's and as a rollback's results say it, and how its log line reads back.
 */
record ChangeList(String key, String label, String rollbackLabel, Kind kind, Change change) {
    static final List<ChangeList> ALL = all();
    private static final Map<String, ChangeList> BY_LABEL = byLabel();

    private static List<ChangeList> all() {
        List<ChangeList> lists = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            lists.add(new ChangeList(kind.key(), kind.label(), kind.restoredLabel(), kind, Change.CREATED));
        }
        lists.add(new ChangeList("ensured", "Created or already there", "Restored or already there", null, Change.ENSURED));
        lists.add(new ChangeList("replaced", "Created or replaced", "Restored or replaced", null, Change.REPLACED));
        lists.add(new ChangeList("recreated", "Recreated", "Recreated", null, Change.RECREATED));
        lists.add(new ChangeList("renamed", "Renamed", "Renamed", null, Change.RENAMED));
        lists.add(new ChangeList("dropped", "Dropped", "Dropped", null, Change.DROPPED));
        return List.copyOf(lists);
    }

    String label(boolean rollback) {
        return rollback ? rollbackLabel : label;
    }

    boolean holds(DdlObject object) {
        return object.change() == change && (kind == null || object.kind() == kind);
    }

    /** Its items, a name on several tables ({@code shared}) said with its table: {@code positive on orders}. */
    List<String> items(List<DdlObject> objects, Function<String, String> name, Set<String> shared) {
        return objects.stream().filter(this::holds).map(o -> SchemaChanges.item(o, kind == null, name)
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
                .map(o -> SchemaChanges.item(o, kind == null, LogNames::quoted) + (o.table() == null ? ""
                        : " on " + LogNames.quoted(o.table()))).toList();
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
        if (kind != null) {
            LogNames.items(items).forEach(item -> objects.add(new DdlObject(kind, change, item[0]).on(item[1])));
            return objects;
        }
        LogNames.Reader reader = new LogNames.Reader(items);
        while (reader.more()) {
            String word = reader.word();
            Kind of = java.util.Arrays.stream(Kind.values()).filter(k -> k.word().equals(word)).findFirst().orElse(null);
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
