package dev.flotilla.cli;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;

/** A snapshot as indented lines for people, with the names the database gave its indexes and constraints. */
final class SchemaText {
    private SchemaText() {
    }

    static List<String> lines(SchemaSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        for (Table table : snapshot.tables()) {
            lines.add("table " + table.name() + (table.rowSecurity().enabled() ? " (" + table.rowSecurity() + ")" : ""));
            table.columns().forEach(c -> lines.add("  " + c.name() + " " + c.describe()));
            if (!table.primaryKey().isEmpty()) {
                lines.add("  primary key (" + String.join(", ", table.primaryKey()) + ")");
            }
            table.indexes().forEach(i -> lines.add("  " + (i.unique() ? "unique index " : "index ") + name(i.name())
                    + (i.method() == null ? "" : "using " + i.method() + " ") + "(" + String.join(", ", i.columns()) + ")"
                    + (i.where() == null ? "" : " where " + i.where())));
            table.uniques().forEach(u -> lines.add("  unique " + name(u.name()) + "(" + String.join(", ", u.columns()) + ")"));
            table.foreignKeys().forEach(f -> lines.add("  foreign key " + name(f.name()) + "(" + String.join(", ", f.columns())
                    + ") references " + f.referencedTable() + " (" + String.join(", ", f.referencedColumns()) + ") on delete "
                    + f.onDelete() + " on update " + f.onUpdate()));
            table.checks().forEach(c -> lines.add("  check " + name(c.name()) + c.expression()));
            table.triggers().forEach(t -> lines.add("  trigger " + t.name() + " " + t.timing() + " " + t.event()));
            table.policies().forEach(p -> lines.add("  policy " + p.name() + " for " + p.command() + " to " + p.roles()
                    + (p.using() == null ? "" : " using " + p.using()) + (p.withCheck() == null ? "" : " with check " + p.withCheck())));
        }
        snapshot.views().forEach(v -> lines.add("view " + v.name() + ": " + v.definition()));
        snapshot.sequences().forEach(q -> lines.add("sequence " + q.name() + (q.definition().isEmpty() ? "" : ": " + q.definition())));
        snapshot.routines().forEach(r -> lines.add(r.kind() + " " + r.signature()));
        return lines;
    }

    private static String name(String name) {
        return name == null ? "" : name + " ";
    }
}
