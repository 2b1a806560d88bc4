package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.ForeignKeyReading;
import dev.flotilla.sql.ForeignKeyReading.ForeignKey;
import dev.flotilla.sql.SchemaTables;
import dev.flotilla.sql.ServerDefaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The target's tables as the pending statements change them, one after the other, and the foreign keys they add that
 * the database surely refuses ({@link ForeignKeyPreflight}): a parent not there, a referenced column not there, types
 * it does not join ({@link KeyTypes}), keys or indexes it wants missing or encodings that differ ({@link ParentKeys}).
 * Not thread-safe: one per check.
 */
final class KeyCheck {
    private final String dialect;
    /** The target's schema, and how a statement's text names it ({@code Dialect#identifierKey}). */
    private final String schema;
    private final String schemaKey;
    private final String target;
    /** By schema, by table (lower-case): what is known of it; the target's schema's under {@code schema}. */
    private final Map<String, Map<String, FollowedTable>> schemas = new HashMap<>();
    /** The tables of the schema the statement being read is in. */
    private Map<String, FollowedTable> tables;
    /** The schema's default encoding (MariaDB), what a table created without one takes; null when not known. */
    private final TextEncoding schemaEncoding;
    /** What the server gives a statement naming no engine or collation (MariaDB). */
    private final ServerDefaults server;
    /** Whether a refusal says a parent table is not there. */
    boolean parentMissing;

    /**
     * {@code live}: by schema, what the catalog read of the target's ({@code schema}, written {@code schemaKey} in a
     * statement's text) and of the other schemas the statements name; a schema not read is not checked.
     */
    KeyCheck(String dialect, String schema, String schemaKey, String target, Map<String, SchemaTables> live) {
        this.dialect = dialect;
        this.schema = schema;
        this.schemaKey = schemaKey;
        this.target = target;
        SchemaTables own = live.getOrDefault(schema, SchemaTables.NONE);
        this.schemaEncoding = TextEncoding.named(null, own.collation());
        this.server = own.server();
        live.forEach((in, read) -> read.tables().forEach((table, catalog) -> tablesOf(in).put(table,
                catalog == null ? FollowedTable.unknown() : FollowedTable.of(catalog))));
        this.tables = tablesOf(schema);
    }

    List<Problem> problems(List<ForeignKeyPreflight.Step> steps) {
        List<Problem> problems = new ArrayList<>();
        for (ForeignKeyPreflight.Step step : steps) {
            ForeignKeyReading.Reading reading = step.reading();
            String in = resolved(reading.schema(), schema);
            tables = tablesOf(in);
            if (reading.defined() != null && ensuredExisting(step, reading.defined())) {
                continue; // CREATE TABLE IF NOT EXISTS of a table there: the statement does nothing
            }
            if (reading.defined() != null) {
                tables.put(reading.defined(), FollowedTable.created(reading.options(), in.equals(schema) ? schemaEncoding
                        : null, server));
            }
            reading.columns().forEach(c -> followed(c.table()).column(c, server));
            reading.keys().forEach(k -> followed(k.table()).key(k));
            reading.reshaped().forEach(t -> (t.equals("*") ? schemas.values().stream() : java.util.stream.Stream.of(tables))
                    .flatMap(followed -> followed.entrySet().stream())
                    .filter(e -> t.equals("*") || e.getKey().equals(t)).forEach(e -> e.getValue().reshaped()));
            reading.changed().stream().filter(tables::containsKey).forEach(t -> tables.get(t).columnsChanged());
            for (ForeignKey fk : reading.foreignKeys()) {
                // A parent named without a schema: the search path's (the target's) on PostgreSQL, the child's on MariaDB.
                String parentSchema = resolved(fk.parentSchema(), dialect.equals("mariadb") ? in : schema);
                String refusal = ignoresKeys(fk) ? null : refusal(fk, parentSchema);
                if (refusal != null) {
                    problems.add(problem(step, fk, refusal));
                }
            }
            step.objects().forEach(this::follow);
        }
        return problems;
    }

    /** The schema a statement names as {@code named} (the target's under {@code schema}), or {@code unnamed}'s. */
    private String resolved(String named, String unnamed) {
        return named == null ? unnamed : named.equals(schemaKey) ? schema : named;
    }

    private Map<String, FollowedTable> tablesOf(String in) {
        return schemas.computeIfAbsent(in, s -> new HashMap<>());
    }

    /** What is known of {@code table}; nothing, for a table not followed (not kept: it is not there). */
    private FollowedTable followed(String table) {
        return tables.getOrDefault(table, FollowedTable.unknown());
    }

    /** MariaDB's MyISAM or Aria child (or one whose engine is not known): it takes any foreign key and keeps none. */
    private boolean ignoresKeys(ForeignKey fk) {
        if (!dialect.equals("mariadb")) {
            return false;
        }
        FollowedTable child = tables.get(fk.table());
        return child == null || child.engine == null || !child.engine.equals("innodb");
    }

    private boolean ensuredExisting(ForeignKeyPreflight.Step step, String table) {
        return tables.containsKey(table) && step.objects().stream().anyMatch(o -> o.kind() == DdlObject.Kind.TABLE
                && o.change() == DdlObject.Change.ENSURED);
    }

    /** A table, view or sequence made, dropped or renamed by a statement. */
    private void follow(DdlObject object) {
        if (object.kind() != DdlObject.Kind.TABLE && object.kind() != DdlObject.Kind.VIEW) {
            return;
        }
        String name = object.name().toLowerCase(Locale.ROOT);
        switch (object.change()) {
            case DROPPED -> tables.remove(name);
            case RENAMED -> {
                FollowedTable moved = tables.remove(object.from().toLowerCase(Locale.ROOT));
                tables.put(name, moved == null ? FollowedTable.unknown() : moved);
            }
            case CREATED, REPLACED -> {
                if (object.kind() == DdlObject.Kind.VIEW) {
                    tables.put(name, FollowedTable.view());
                } else {
                    tables.putIfAbsent(name, FollowedTable.unknown());
                }
            }
            default -> tables.putIfAbsent(name, FollowedTable.unknown());
        }
    }

    /** Why the database refuses {@code fk} as the tables stand, or null when it does not, or it cannot be told. */
    private String refusal(ForeignKey fk, String parentSchema) {
        Map<String, FollowedTable> parents = tablesOf(parentSchema);
        if (!parentSchema.equals(schema) && !parents.containsKey(fk.parent())) {
            return null; // another schema's table not read (not there, a name in another case, a schema not read)
        }
        if (!parents.containsKey(fk.parent())) {
            parentMissing = true;
            return "it references " + fk.parent() + ", which " + target + " does not have and no earlier statement of"
                    + " the pending migrations creates. Create " + fk.parent() + " first (in an earlier migration), or"
                    + " correct the table's name";
        }
        FollowedTable parent = parents.get(fk.parent());
        if (parent.notTable != null && !dialect.equals("mariadb")) {
            return "it references " + fk.parent() + ", which is a " + parent.notTable + ", not a table: " + (dialect.equals(
                    "h2") ? "H2 refuses it (Feature not supported: \"Reference " : "PostgreSQL refuses it (referenced"
                    + " relation \"") + fk.parent() + "\"" + (dialect.equals("h2") ? ")" : " is not a table)")
                    + ". Reference the table it reads instead";
        }
        if (fk.parentColumns().isEmpty() && dialect.equals("mariadb")) {
            return "it names no referenced column, which MariaDB refuses (errno 150: Foreign key constraint is incorrectly"
                    + " formed) even where " + fk.parent() + " has a primary key. Name it: REFERENCES " + fk.parent()
                    + " (its key's columns)";
        }
        ParentKeys keys = new ParentKeys(dialect, fk, parent, tables.get(fk.table()));
        String refusal = keys.missingColumnOrKey();
        return refusal != null ? refusal : keys.mismatch();
    }

    private Problem problem(ForeignKeyPreflight.Step step, ForeignKey fk, String refusal) {
        PreparedScript script = step.script();
        return new Problem(ErrorCode.FK_PARENT_MISMATCH, script.shown() + ", statement " + step.number() + ": its foreign"
                + " key " + fk.said() + " cannot be added on " + target + ": " + refusal + "; then deploy again. Nothing"
                + " of the pending migrations runs on " + target + " until then, so none is left half-applied.",
                script.version() != null ? script.version() : script.script());
    }
}
