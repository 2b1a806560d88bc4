package dev.flotilla.verify;

import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Change;
import dev.flotilla.schema.SchemaDiff.Kind;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a dry run said the migrations would create exists after the deployment, and what it said they
 * would drop is gone. Objects are found by name on their table (the one the diff's detail names); indexes and
 * constraints without a name are not checked. An object dropped and created again under the same name on the same
 * table (a policy or key redefined) is expected to exist.
 */
final class ExpectedObjectsCheck implements Check {
    private static final Pattern ON_TABLE = Pattern.compile("(?:^|\\s)on (\\S+)");

    @Override
    public String id() {
        return "expected-objects";
    }

    @Override
    public CheckResult run(CheckContext context) {
        SchemaDiff expected = context.expected();
        if (expected == null) {
            return CheckResult.skipped(id(), context.appliedNow().isEmpty() ? "it compares what a deployment applied with"
                    + " the dry run of those migrations, and nothing was applied here"
                    : "no dry run of " + String.join(", ", context.appliedNow()) + " on this tenant, of the files as deployed,"
                    + " to compare with (one of another file under the same version, rewritten since, does not count):"
                    + " dry-run migrations as they are before deploying them (flotilla dry-run)");
        }
        SchemaSnapshot now = context.snapshot();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        Set<String> added = expected.changes().stream().filter(c -> c.action() == Action.ADDED).map(ExpectedObjectsCheck::key)
                .collect(Collectors.toSet());
        for (Change change : expected.changes()) {
            if (change.action() == Action.CHANGED || change.action() == Action.REMOVED && added.contains(key(change))) {
                continue;
            }
            Boolean exists = exists(now, change);
            if (exists == null) {
                continue;
            }
            checked++;
            boolean wanted = change.action() == Action.ADDED;
            if (exists != wanted) {
                String table = change.kind() == Kind.TABLE || change.kind() == Kind.COLUMN ? null : table(change);
                problems.add(change.kind().name().toLowerCase().replace('_', ' ') + " " + change.name()
                        + (table == null ? "" : " on " + table) + (wanted ? " is missing" : " still exists"));
            }
        }
        return CheckResult.of(id(), checked + " object(s) the dry run expected are as expected", problems);
    }

    /** Whether the changed object exists now; null when it cannot be looked up by name. */
    private static Boolean exists(SchemaSnapshot now, Change change) {
        String name = change.name();
        String table = table(change);
        return switch (change.kind()) {
            case TABLE -> now.table(name).isPresent();
            case COLUMN -> now.tables().stream().anyMatch(t -> column(name, t).isPresent());
            case VIEW -> now.views().stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
            case INDEX -> named(name) ? tables(now, table).anyMatch(t -> t.indexes().stream().anyMatch(i -> name.equalsIgnoreCase(i.name()))) : null;
            case CONSTRAINT -> named(name) ? tables(now, table).anyMatch(t -> Stream.of(
                    t.uniques().stream().map(SchemaSnapshot.Unique::name), t.foreignKeys().stream().map(SchemaSnapshot.ForeignKey::name),
                    t.checks().stream().map(SchemaSnapshot.Check::name)).flatMap(s -> s).anyMatch(name::equalsIgnoreCase)) : null;
            case TRIGGER -> tables(now, table).anyMatch(t -> t.triggers().stream().anyMatch(tr -> tr.name().equalsIgnoreCase(name)));
            case POLICY -> tables(now, table).anyMatch(t -> t.policies().stream().anyMatch(p -> p.name().equalsIgnoreCase(name)));
            case SEQUENCE -> now.sequences().stream().anyMatch(s -> s.name().equalsIgnoreCase(name));
            case ROUTINE -> now.routines().stream().anyMatch(r -> r.signature().equalsIgnoreCase(name));
            case ROW_SECURITY -> null;
        };
    }

    /**
     * The column of {@code table} that {@code name} ({@code table.column} as the diff names it, a dot possibly inside
     * either name) names; empty when it names another table's, or one {@code table} does not have.
     */
    private static Optional<SchemaSnapshot.Column> column(String name, Table table) {
        int length = table.name().length();
        boolean on = name.length() > length + 1 && name.charAt(length) == '.'
                && name.regionMatches(true, 0, table.name(), 0, length);
        return on ? table.column(name.substring(length + 1)) : Optional.empty();
    }

    /** An object as the diff names it: its kind, its table and its name, whatever its definition. */
    private static String key(Change change) {
        return change.kind() + "\t" + String.valueOf(table(change)).toLowerCase(Locale.ROOT) + "\t"
                + change.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The table an index, constraint, trigger or policy is on, from the diff's detail ("on customers (email)",
     * "unique on customers ...", "BEFORE INSERT on customers", "on customers for ALL"); null when it names none.
     */
    private static String table(Change change) {
        Matcher on = ON_TABLE.matcher(change.detail());
        return on.find() ? on.group(1) : null;
    }

    /** Unnamed objects show as "table structure" in a diff and cannot be looked up by name. */
    private static boolean named(String name) {
        return !name.contains(" ");
    }

    /** The named table, or every table when the diff did not say which (a diff recorded by an older version). */
    private static Stream<Table> tables(SchemaSnapshot snapshot, String table) {
        return table == null ? snapshot.tables().stream() : snapshot.table(table).stream();
    }
}
