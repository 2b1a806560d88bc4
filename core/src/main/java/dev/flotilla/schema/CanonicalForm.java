package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.Trigger;
import dev.flotilla.schema.SchemaSnapshot.View;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A snapshot's canonical form: one line per object, without generated names, in a fixed order, and its SHA-256, in
 * each of the {@link SchemaSnapshot#FINGERPRINT_FORMAT fingerprint formats} (an earlier format's lines, to compare
 * with a fingerprint stored in it). Stateless.
 */
final class CanonicalForm {
    private CanonicalForm() {
    }

    /** The SHA-256 of {@code lines}, each ended by a newline, in hex. */
    static String fingerprint(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The canonical lines of {@code format}: format 1 had tables and views only. */
    static List<String> lines(SchemaSnapshot snapshot, int format) {
        if (format < 1 || format > SchemaSnapshot.FINGERPRINT_FORMAT) {
            throw new IllegalArgumentException("Unknown fingerprint format " + format + " (this version knows 1 to "
                    + SchemaSnapshot.FINGERPRINT_FORMAT + ")");
        }
        String dialect = snapshot.dialect();
        List<String> lines = new ArrayList<>();
        boolean triggerPerEvent = format < 3 && dialect.equals("h2");
        boolean triggerSourceUnread = format < 4 && dialect.equals("h2");
        for (Table table : snapshot.tables()) {
            List<ForeignKey> keys = format < 6 ? referencesWrittenBefore(snapshot, table, format) : table.foreignKeys();
            lines.addAll(tableLines(table, keys, triggerPerEvent, triggerSourceUnread));
        }
        for (View view : snapshot.views()) {
            lines.add("view " + view.name() + " " + view.definition() + (view.securityInvoker() ? " security_invoker" : ""));
        }
        if (format >= 2) {
            // Before format 3 MariaDB's sequences were read by name only.
            boolean byName = format < 3 && dialect.equals("mariadb");
            snapshot.sequences().forEach(s -> lines.add("sequence " + s.name() + " " + (byName ? "" : s.definition())));
            snapshot.routines().forEach(r -> lines.add("routine " + r.identity() + " " + r.definition()));
        }
        return lines;
    }

    /**
     * @param keys the table's foreign keys as the format writes them
     * @param triggerPerEvent the lines of fingerprint formats before 3 on H2: a line per event of a trigger, with the
     *     class it calls, as H2's catalog lists it
     * @param triggerSourceUnread the lines of fingerprint formats before 4 on H2: a trigger given as source without it
     */
    private static List<String> tableLines(Table table, List<ForeignKey> keys, boolean triggerPerEvent,
                                           boolean triggerSourceUnread) {
        List<String> lines = new ArrayList<>();
        lines.add("table " + table.name() + (table.primaryKey().isEmpty() ? "" : " primary key " + table.primaryKey())
                + (table.rowSecurity().enabled() ? " " + table.rowSecurity() : ""));
        table.columns().forEach(c -> lines.add("  column " + c.identity() + " " + c.describe()));
        table.indexes().forEach(i -> lines.add("  index " + i.identity()));
        table.uniques().forEach(u -> lines.add("  unique " + u.identity()));
        keys.forEach(f -> lines.add("  foreign key " + f.identity()));
        table.checks().forEach(c -> lines.add("  check " + c.identity()));
        List<Trigger> read = triggerSourceUnread ? table.triggers().stream().map(CanonicalForm::withoutSource).toList()
                : table.triggers();
        (triggerPerEvent ? read.stream().flatMap(CanonicalForm::perEvent).sorted(Comparator.comparing(Trigger::identity)).toList()
                : read).forEach(t -> lines.add("  trigger " + t.identity()));
        table.policies().forEach(p -> lines.add("  policy " + p.identity()));
        return lines;
    }

    /**
     * The table's foreign keys as fingerprint formats before 6 wrote them, in their order: before 5 a table of another
     * schema {@code schema.table} without quoting, whatever its names ({@code other.a.b} for the table "a.b" of other);
     * in 5 a dotted name quoted ({@code other."a.b"}), but the table b of the schema a as {@code a.b} even beside a table
     * "a.b" of the target's own.
     */
    private static List<ForeignKey> referencesWrittenBefore(SchemaSnapshot snapshot, Table table, int format) {
        return table.foreignKeys().stream().map(f -> {
            ReferencedTable referenced = ReferencedTable.of(snapshot, f);
            String written = format < 5 || referenced.inOwnSchema() ? referenced.plain()
                    : TableReference.inOtherSchema(referenced.schema(), referenced.table(), referenced.quote());
            return new ForeignKey(f.name(), f.columns(), written, f.referencedColumns(), f.onDelete(), f.onUpdate(),
                    f.validated());
        }).sorted(Comparator.comparing(ForeignKey::identity)).toList();
    }

    /** An H2 trigger given as source as fingerprint formats before 4 saw it, which did not read the source. */
    private static Trigger withoutSource(Trigger trigger) {
        String definition = trigger.definition();
        int level = definition.indexOf(" FOR EACH ");
        int after = level < 0 ? -1 : definition.indexOf(' ', level + " FOR EACH ".length());
        return after < 0 || !definition.startsWith(Trigger.H2_SOURCE, after) ? trigger
                : new Trigger(trigger.name(), trigger.timing(), trigger.event(),
                        definition.substring(0, after) + Trigger.H2_SOURCE + "source");
    }

    /**
     * An H2 trigger as fingerprint formats before 3 saw it: one per event, its definition the class it calls
     * ({@code null} for a trigger given as source).
     */
    private static Stream<Trigger> perEvent(Trigger trigger) {
        int call = trigger.definition().lastIndexOf(Trigger.H2_CALL);
        String javaClass = call < 0 ? "null" : trigger.definition().substring(call + Trigger.H2_CALL.length());
        return Arrays.stream(trigger.event().split(" OR ")).map(e -> new Trigger(trigger.name(), trigger.timing(), e, javaClass));
    }
}
