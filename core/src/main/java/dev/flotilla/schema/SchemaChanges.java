package dev.flotilla.schema;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the statements a tenant's task ran created and dropped, as their text says ({@link dev.flotilla.sql.DdlReading}):
 * no catalog read. Written in the task's log as each migration ends, a line per kind ({@code   tables created: a, b}),
 * and read back from it ({@link #inLog}), so what the control plane keeps of a task says it. Each object once, in the
 * order first named. Immutable.
 */
public record SchemaChanges(List<DdlObject> objects) {
    public static final SchemaChanges NONE = new SchemaChanges(List.of());
    private static final String DROPPED = "dropped";

    public SchemaChanges {
        objects = List.copyOf(new LinkedHashSet<>(objects));
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /**
     * As the dry run's diff names its summary's lists, only those not empty: {@code tablesCreated}, {@code indexesAdded},
     * {@code constraintsAdded}, {@code columnsAdded}, {@code viewsCreated}, {@code sequencesCreated},
     * {@code routinesCreated}, {@code triggersAdded}, and {@code dropped} ({@code table old_log}).
     */
    public Map<String, List<String>> summary() {
        Map<String, List<String>> summary = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            List<String> names = names(kind);
            if (!names.isEmpty()) {
                summary.put(kind.key(), names);
            }
        }
        List<String> dropped = dropped();
        if (!dropped.isEmpty()) {
            summary.put(DROPPED, dropped);
        }
        return summary;
    }

    /** The names of the objects of one kind created, in order. */
    public List<String> names(Kind kind) {
        return objects.stream().filter(o -> o.kind() == kind && !o.dropped()).map(DdlObject::name).toList();
    }

    /** The dropped objects, each after its kind: {@code table old_log}. */
    public List<String> dropped() {
        return objects.stream().filter(DdlObject::dropped).map(o -> o.kind().word() + " " + o.name()).toList();
    }

    /** Each non-empty list as people read it, {@code Tables created: a, b}, the dropped ones last. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<String> names = names(kind);
            if (!names.isEmpty()) {
                lines.add(kind.label() + ": " + String.join(", ", names));
            }
        }
        List<String> dropped = dropped();
        if (!dropped.isEmpty()) {
            lines.add("Dropped: " + String.join(", ", dropped));
        }
        return lines;
    }

    /** Appends the lines a task's log says them in, under the migration whose they are: indented, lower case. */
    public StringBuilder appendTo(StringBuilder log) {
        for (String line : lines()) {
            int colon = line.indexOf(':');
            log.append("  ").append(line.substring(0, colon).toLowerCase(Locale.ROOT)).append(line, colon, line.length())
                    .append('\n');
        }
        return log;
    }

    /** What a task's log says its migrations created and dropped (as {@link #appendTo} wrote it); none for a null log. */
    public static SchemaChanges inLog(String log) {
        if (log == null || log.indexOf(": ") < 0) {
            return NONE;
        }
        List<DdlObject> objects = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.startsWith("  ") || line.startsWith("   ")) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String label = line.substring(2, colon);
            List<String> items = List.of(line.substring(colon + 2).split(", "));
            if (label.equals(DROPPED)) {
                items.forEach(item -> droppedItem(item, objects));
            } else {
                Kind kind = kindLabelled(label);
                if (kind != null) {
                    items.forEach(item -> objects.add(new DdlObject(kind, false, item)));
                }
            }
        }
        return objects.isEmpty() ? NONE : new SchemaChanges(objects);
    }

    private static void droppedItem(String item, List<DdlObject> objects) {
        int space = item.indexOf(' ');
        if (space < 0) {
            return;
        }
        for (Kind kind : Kind.values()) {
            if (kind.word().equals(item.substring(0, space))) {
                objects.add(new DdlObject(kind, true, item.substring(space + 1)));
            }
        }
    }

    private static Kind kindLabelled(String label) {
        for (Kind kind : Kind.values()) {
            if (kind.label().toLowerCase(Locale.ROOT).equals(label)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * A deployment's tasks' changes, grouped: for each kind, each object with how many tenants' tasks said it, as
     * {@code Tables created: serial_link_outbox, token_spawn_log on 2 tenant(s)}; objects said by different numbers of
     * tenants in a group each ({@code a, b on 2 tenant(s); c on 1 tenant(s)}). Empty when no task said any.
     */
    public static List<String> grouped(List<SchemaChanges> tasks) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            counts.put(kind.label(), new LinkedHashMap<>());
        }
        counts.put("Dropped", new LinkedHashMap<>());
        for (SchemaChanges task : tasks) {
            for (Kind kind : Kind.values()) {
                task.names(kind).forEach(name -> counts.get(kind.label()).merge(name, 1, Integer::sum));
            }
            task.dropped().forEach(name -> counts.get("Dropped").merge(name, 1, Integer::sum));
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((label, names) -> {
            if (names.isEmpty()) {
                return;
            }
            Map<Integer, List<String>> byCount = new LinkedHashMap<>();
            names.forEach((name, count) -> byCount.computeIfAbsent(count, c -> new ArrayList<>()).add(name));
            lines.add(label + ": " + String.join("; ", byCount.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + " on " + e.getKey() + " tenant(s)").toList()));
        });
        return lines;
    }
}
