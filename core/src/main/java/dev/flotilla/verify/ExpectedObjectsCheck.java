package dev.flotilla.verify;

import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Change;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a dry run said the migrations would create exists after the deployment, and what it said they
 * would drop is gone. Objects are found by name; indexes and constraints without a name are not checked.
 */
final class ExpectedObjectsCheck implements Check {
    @Override
    public String id() {
        return "expected-objects";
    }

    @Override
    public CheckResult run(CheckContext context) {
        SchemaDiff expected = context.expected();
        if (expected == null) {
            return CheckResult.skipped(id(), "no dry run of these migrations to compare with (run flotilla dry-run first)");
        }
        SchemaSnapshot now = context.snapshot();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Change change : expected.changes()) {
            if (change.action() == Action.CHANGED) {
                continue;
            }
            Boolean exists = exists(now, change);
            if (exists == null) {
                continue;
            }
            checked++;
            boolean wanted = change.action() == Action.ADDED;
            if (exists != wanted) {
                problems.add(change.kind().name().toLowerCase().replace('_', ' ') + " " + change.name()
                        + (wanted ? " is missing" : " still exists"));
            }
        }
        return CheckResult.of(id(), checked + " object(s) the dry run expected are as expected", problems);
    }

    /** Whether the changed object exists now; null when it cannot be looked up by name. */
    private static Boolean exists(SchemaSnapshot now, Change change) {
        String name = change.name();
        return switch (change.kind()) {
            case TABLE -> now.table(name).isPresent();
            case COLUMN -> {
                int dot = name.lastIndexOf('.');
                yield dot > 0 && now.table(name.substring(0, dot)).flatMap(t -> t.column(name.substring(dot + 1))).isPresent();
            }
            case VIEW -> now.views().stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
            case INDEX -> named(name) ? tables(now).anyMatch(t -> t.indexes().stream().anyMatch(i -> name.equalsIgnoreCase(i.name()))) : null;
            case CONSTRAINT -> named(name) ? tables(now).anyMatch(t -> Stream.of(
                    t.uniques().stream().map(SchemaSnapshot.Unique::name), t.foreignKeys().stream().map(SchemaSnapshot.ForeignKey::name),
                    t.checks().stream().map(SchemaSnapshot.Check::name)).flatMap(s -> s).anyMatch(name::equalsIgnoreCase)) : null;
            case TRIGGER -> tables(now).anyMatch(t -> t.triggers().stream().anyMatch(tr -> tr.name().equalsIgnoreCase(name)));
            case POLICY -> tables(now).anyMatch(t -> t.policies().stream().anyMatch(p -> p.name().equalsIgnoreCase(name)));
            case SEQUENCE -> now.sequences().stream().anyMatch(s -> s.name().equalsIgnoreCase(name));
            case ROUTINE -> now.routines().stream().anyMatch(r -> r.signature().equalsIgnoreCase(name));
            case ROW_SECURITY -> null;
        };
    }

    /** Unnamed objects show as "table structure" in a diff and cannot be looked up by name. */
    private static boolean named(String name) {
        return !name.contains(" ");
    }

    private static Stream<Table> tables(SchemaSnapshot snapshot) {
        return snapshot.tables().stream();
    }
}
