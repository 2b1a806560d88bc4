package dev.flotilla.schema;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the statements a tenant's task ran created, dropped and renamed in the end, as their text says
 * ({@link dev.flotilla.sql.DdlReading}): no catalog read. Netted ({@link #inOrder}, {@link #then}): one created and
 * dropped by the same task is neither, one dropped and created again is recreated, renames are followed. Written in the
 * task's log as each migration ends, a line per list ({@code   tables created: a, b}; a rollback's down files'
 * {@code   tables restored: a}), names that would read otherwise quoted ({@link LogNames}), and read back from it
 * ({@link #inLog}), so what the control plane keeps of a task says it. Immutable.
 *
 * @param apart the constraints among {@code objects} made with an index of their name on their table that is not theirs
 *     (MariaDB's check and key of one name): dropping either keeps the other, in a later migration too
 */
public record SchemaChanges(List<DdlObject> objects, List<DdlObject> apart) {
    public static final SchemaChanges NONE = new SchemaChanges(List.of());
    private static final String APART = "constraint and index apart";

    public SchemaChanges {
        objects = List.copyOf(new LinkedHashSet<>(objects));
        apart = List.copyOf(apart);
    }

    /** These, each unique constraint with the index of its name on its table made with it. */
    public SchemaChanges(List<DdlObject> objects) {
        this(objects, List.of());
    }

    private SchemaChanges(ChangeNetting.Net net) {
        this(net.objects(), net.apart());
    }

    /**
     * What {@code statements}' objects (each statement's, as {@link dev.flotilla.sql.DdlReading} read it), in the order
     * they ran, come to.
     */
    public static SchemaChanges inOrder(List<List<DdlObject>> statements) {
        ChangeNetting.Net net = ChangeNetting.inOrder(statements);
        return net.objects().isEmpty() ? NONE : new SchemaChanges(net);
    }

    /** What these, then {@code after} (the next migration's), come to. */
    public SchemaChanges then(SchemaChanges after) {
        return after.isEmpty() ? this : new SchemaChanges(ChangeNetting.then(net(), after.net()));
    }

    private ChangeNetting.Net net() {
        return new ChangeNetting.Net(objects, apart);
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /**
     * As the dry run's diff names its summary's lists, only those not empty: {@code tablesCreated}, {@code columnsAdded},
     * {@code indexesAdded}, {@code constraintsAdded}, {@code viewsCreated}, {@code sequencesCreated},
     * {@code routinesCreated}, {@code triggersAdded}; then each after its kind, {@code ensured} (made {@code IF NOT
     * EXISTS}: created, or already there), {@code recreated}, {@code renamed} ({@code table a to b}) and {@code dropped}
     * ({@code table old_log}).
     */
    public Map<String, List<String>> summary() {
        Map<String, List<String>> summary = new LinkedHashMap<>();
        Set<String> shared = ChangeList.onSeveralTables(objects);
        for (ChangeList list : ChangeList.ALL) {
            List<String> items = list.items(objects, name -> name, shared);
            if (!items.isEmpty()) {
                summary.put(list.key(), items);
            }
        }
        return summary;
    }

    /** The names of the objects of one kind created, in order. */
    public List<String> names(Kind kind) {
        return objects.stream().filter(o -> o.kind() == kind && o.change() == Change.CREATED).map(DdlObject::name).toList();
    }

    /** The dropped objects, each after its kind: {@code table old_log}. */
    public List<String> dropped() {
        return summary().getOrDefault("dropped", List.of());
    }

    /** Each non-empty list as people read a deployment's, {@code Tables created: a, b}, the dropped ones last. */
    public List<String> lines() {
        return lines(false);
    }

    /** As above, for a rollback's down files: what they create is restored ({@code Tables restored: a}). */
    public List<String> lines(boolean rollback) {
        List<String> lines = new ArrayList<>();
        Set<String> shared = ChangeList.onSeveralTables(objects);
        for (ChangeList list : ChangeList.ALL) {
            List<String> items = list.items(objects, LogNames::quoted, shared);
            if (!items.isEmpty()) {
                lines.add(list.label(rollback) + ": " + String.join(", ", items));
            }
        }
        return lines;
    }

    /** Appends the lines a task's log says them in, under the migration whose they are: indented, lower case. */
    public StringBuilder appendTo(StringBuilder log) {
        return appendTo(log, false);
    }

    /** As above, in a rollback's words; a named index or constraint with its table ({@code idx_a on orders}). */
    public StringBuilder appendTo(StringBuilder log, boolean rollback) {
        for (ChangeList list : ChangeList.ALL) {
            List<String> items = list.logItems(objects);
            if (!items.isEmpty()) {
                log.append("  ").append(list.label(rollback).toLowerCase(Locale.ROOT)).append(": ")
                        .append(String.join(", ", items)).append('\n');
            }
        }
        if (!apart.isEmpty()) {
            log.append("  ").append(APART).append(": ").append(String.join(", ", apart.stream()
                    .map(c -> LogNames.quoted(c.name()) + " on " + LogNames.quoted(c.table())).toList())).append('\n');
        }
        return log;
    }

    /**
     * What a task's log says its migrations created, dropped and renamed (as {@link #appendTo} wrote it, in either
     * words, or as logs before quoting and netting wrote it), each migration's after the one before; none for a null log.
     */
    public static SchemaChanges inLog(String log) {
        if (log == null || log.indexOf(": ") < 0) {
            return NONE;
        }
        SchemaChanges changes = NONE;
        List<DdlObject> migration = new ArrayList<>();
        List<DdlObject> apart = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.startsWith(" ") && !migration.isEmpty()) {
                changes = changes.then(new SchemaChanges(migration, apart));
                migration.clear();
                apart.clear();
            }
            if (!line.startsWith("  ") || line.startsWith("   ") || line.startsWith("  #")) {
                continue; // a statement's line: most of a log
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            ChangeList list = ChangeList.labelled(line.substring(2, colon));
            if (list != null) {
                migration.addAll(list.read(line.substring(colon + 2)));
            } else if (line.substring(2, colon).equals(APART)) {
                LogNames.items(line.substring(colon + 2))
                        .forEach(item -> apart.add(new DdlObject(Kind.CONSTRAINT, Change.CREATED, item[0]).on(item[1])));
            }
        }
        return migration.isEmpty() ? changes : changes.then(new SchemaChanges(migration, apart));
    }

    /**
     * A deployment's tasks' changes, grouped: for each list, each object with how many tenants' tasks said it, as
     * {@code Tables created: serial_link_outbox, token_spawn_log on 2 tenant(s)}; objects said by different numbers of
     * tenants in a group each ({@code a, b on 2 tenant(s); c on 1 tenant(s)}). Empty when no task said any.
     */
    public static List<String> grouped(List<SchemaChanges> tasks) {
        return grouped(tasks, false);
    }

    /** As above, in a rollback's words ({@code Tables restored}) when {@code rollback}. */
    public static List<String> grouped(List<SchemaChanges> tasks, boolean rollback) {
        List<String> lines = new ArrayList<>();
        Set<String> shared = ChangeList.onSeveralTables(tasks.stream().flatMap(task -> task.objects.stream()).toList());
        for (ChangeList list : ChangeList.ALL) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (SchemaChanges task : tasks) {
                list.items(task.objects, LogNames::quoted, shared).forEach(item -> counts.merge(item, 1, Integer::sum));
            }
            if (counts.isEmpty()) {
                continue;
            }
            Map<Integer, List<String>> byCount = new LinkedHashMap<>();
            counts.forEach((item, count) -> byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(item));
            lines.add(list.label(rollback) + ": " + String.join("; ", byCount.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + " on " + e.getKey() + " tenant(s)").toList()));
        }
        return lines;
    }

    /** Says an item of a list, its names through {@code name} (quoted for text, as they are for JSON). */
    static String item(DdlObject object, boolean withKind, Function<String, String> name) {
        String kind = withKind ? object.kind().word() + " " : "";
        return object.change() == Change.RENAMED ? kind + name.apply(object.from()) + " to " + name.apply(object.name())
                : kind + name.apply(object.name());
    }
}
