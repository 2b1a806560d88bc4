package dev.flotilla.control;

import dev.flotilla.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.List;

/** A schema diff as the control plane keeps it: one change a line, its fields separated by tabs. */
final class DiffText {
    private DiffText() {
    }

    static String of(SchemaDiff diff) {
        StringBuilder text = new StringBuilder();
        diff.changes().forEach(c -> text.append(c.kind()).append('\t').append(c.action()).append('\t')
                .append(clean(c.name())).append('\t').append(clean(c.detail())).append('\n'));
        return text.toString();
    }

    static SchemaDiff parse(String text) {
        List<SchemaDiff.Change> changes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] f = line.split("\t", -1);
                changes.add(new SchemaDiff.Change(SchemaDiff.Kind.valueOf(f[0]), SchemaDiff.Action.valueOf(f[1]), f[2], f[3]));
            }
        }
        return new SchemaDiff(changes);
    }

    private static String clean(String text) {
        return text.replaceAll("[\\t\\n\\r]+", " ");
    }
}
