package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.SplitScripts;
import dev.flotilla.plan.Problem;
import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.ForeignKeyReading;
import dev.flotilla.sql.SchemaTables;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.sql.TableRead;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Seed 001's "verify critical dependencies exist", before a target's first pending statement runs: each foreign key
 * the pending scripts add ({@link ForeignKeyReading}) references a table the target has or an earlier statement of
 * them creates, a column that table has, of a type the database joins with the key's ({@link KeyTypes}). The target's
 * tables are read in one catalog query. Where MariaDB would refuse it half-way through a file (errno 150, its earlier
 * statements kept), the tenant is refused whole instead ({@code FK_PARENT_MISMATCH}). Only what the database surely
 * refuses is said: a statement it cannot read (a {@code DO} block, a procedure call, {@code SET foreign_key_checks})
 * ends the check there, a catalog query that fails says nothing. Stateless.
 */
final class ForeignKeyPreflight {
    private static final Set<String> OPAQUE = Set.of("do", "call", "execute", "exec", "prepare", "begin", "declare", "if",
            "while", "delimiter", "source");

    /** One statement of the pending scripts, read. */
    record Step(PreparedScript script, int number, ForeignKeyReading.Reading reading, List<DdlObject> objects) {
    }

    /**
     * A script's statements read, up to the first that may do what cannot be read ({@code opaque}): the same for every
     * tenant the script's text is the same for, so read once a deployment ({@link SplitScripts#reading}).
     */
    private record ScriptReading(List<ForeignKeyReading.Reading> keys, List<List<DdlObject>> objects, boolean opaque) {
    }

    private ForeignKeyPreflight() {
    }

    /** Whether any of {@code sql} may add a foreign key: what is worth reading at all. */
    static boolean mayAddKeys(List<String> sql) {
        for (String text : sql) {
            if (saysReferences(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} holds the word {@code references} in any case; asked of every pending file of every tenant. */
    private static boolean saysReferences(String text) {
        int last = text.length() - REFERENCES.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == 'r' || c == 'R') && text.regionMatches(true, i, REFERENCES, 0, REFERENCES.length())) {
                return true;
            }
        }
        return false;
    }

    private static final String REFERENCES = "references";

    /**
     * The keys of {@code scripts}, in order, that {@code target} (its tables in {@code schema}, read over {@code
     * connection}) would refuse; empty when none, or when the dialect or the catalog does not say.
     */
    static List<Problem> problems(Dialect dialect, Connection connection, String schema, String target,
                                  List<PreparedScript> scripts, SplitScripts splits) {
        return problems(dialect, connection, schema, target, scripts, splits, catalog(dialect, connection));
    }

    /** Where a schema's tables are read from: the catalog, or what was read of a group of schemas ({@link GroupColumns}). */
    interface Columns {
        /**
         * By schema, what {@code read} asks of the tables {@code schema} and {@code others} hold (a schema the dialect cannot
         * read in the same round trip left out); null where the dialect does not read them.
         */
        Map<String, SchemaTables> of(String schema, Set<String> others, TableRead read) throws SQLException;
    }

    /**
     * The catalog over {@code connection}: one query, of the other schemas too where the dialect reads several at once
     * ({@link dev.flotilla.sql.SchemaCatalog#tableColumnsOfSchemas}), of the target's alone otherwise.
     */
    static Columns catalog(Dialect dialect, Connection connection) {
        return (schema, others, read) -> {
            if (!others.isEmpty()) {
                List<String> all = new ArrayList<>(List.of(schema));
                all.addAll(others);
                Map<String, SchemaTables> found = dialect.tableColumnsOfSchemas(connection, all, read.tables());
                if (found != null) {
                    return found;
                }
            }
            SchemaTables own = dialect.tableColumns(connection, schema, read);
            return own == null ? null : Map.of(schema, own);
        };
    }

    /**
     * As {@link #problems(Dialect, Connection, String, String, List, SplitScripts)}, the tables read through {@code
     * columns}.
     */
    static List<Problem> problems(Dialect dialect, Connection connection, String schema, String target,
                                  List<PreparedScript> scripts, SplitScripts splits, Columns columns) {
        if (schema == null || !scriptsMayAddKeys(scripts)) {
            return List.of();
        }
        List<Step> steps = read(dialect, scripts, splits);
        String schemaKey = dialect.identifierKey(schema, true);
        TableRead asked = TablesAsked.of(steps, schemaKey);
        if (asked.tables().isEmpty()) {
            return List.of();
        }
        try {
            Map<String, SchemaTables> live = columns.of(schema, TablesAsked.otherSchemas(steps, schemaKey), asked);
            if (live == null) {
                return List.of();
            }
            KeyCheck check = new KeyCheck(dialect.name(), schema, schemaKey, target, live);
            List<Problem> problems = check.problems(steps);
            if (!check.parentMissing) {
                return problems;
            }
            // Confirmed in any case before saying a table is not there (a quoted "Companies" on PostgreSQL).
            Map<String, SchemaTables> anyCase = new HashMap<>(live);
            anyCase.put(schema, dialect.tableColumnsAnyCase(connection, schema, asked));
            return new KeyCheck(dialect.name(), schema, schemaKey, target, anyCase).problems(steps);
        } catch (SQLException unread) {
            return List.of(); // never a refusal for what could not be read
        }
    }

    /**
     * {@code read}, the plan of a tenant, with the keys its pending migrations add that its target would refuse, as its
     * deploy would refuse them; {@code connection} reaches the target's server, its tables in {@code schema}. A plan
     * blocked otherwise, or with nothing pending, is as it was.
     */
    static dev.flotilla.plan.TenantPlan planned(dev.flotilla.plan.TenantPlan read, dev.flotilla.plan.TargetPlan plan,
                                                TargetOptions options, LoadedMigrations migrations, Dialect dialect,
                                                Connection connection, String schema) {
        return planned(read, plan, options, migrations, dialect, connection, schema, catalog(dialect, connection));
    }

    /** As the other {@code planned}, the tables read through {@code columns}. */
    static dev.flotilla.plan.TenantPlan planned(dev.flotilla.plan.TenantPlan read, dev.flotilla.plan.TargetPlan plan,
                                                TargetOptions options, LoadedMigrations migrations, Dialect dialect,
                                                Connection connection, String schema, Columns columns) {
        if (read.state() != dev.flotilla.plan.TenantPlan.State.PENDING) {
            return read;
        }
        List<Migration> pending = plan.pending(options.policy());
        if (!mayAddKeys(pending.stream().map(Migration::sql).toList())) {
            return read;
        }
        ScriptPreparer preparer = PendingScripts.preparer(options, dialect, schema, migrations);
        List<PreparedScript> scripts = pending.stream().map(preparer::up).filter(java.util.Objects::nonNull).toList();
        if (!preparer.problems().isEmpty()) {
            return read;
        }
        return read.withProblems(problems(dialect, connection, schema, read.target(), scripts, migrations.splits(), columns)
                .stream()
                .map(p -> p.forTenant(read.tenant())).toList());
    }

    private static boolean scriptsMayAddKeys(List<PreparedScript> scripts) {
        for (PreparedScript script : scripts) {
            for (SqlStatement statement : script.statements()) {
                if (saysReferences(statement.sql())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The objects read, every qualifier taken off ({@link DdlObject#inSchema}): a table is followed by its name. */
    private static List<List<DdlObject>> unqualified(List<List<DdlObject>> read) {
        return read.stream().map(objects -> objects.stream().map(object -> object.inSchema(null)).toList()).toList();
    }

    /** The statements of {@code scripts} read, up to the first that may do what cannot be read. */
    private static List<Step> read(Dialect dialect, List<PreparedScript> scripts, SplitScripts splits) {
        List<Step> steps = new ArrayList<>();
        for (PreparedScript script : scripts) {
            ScriptReading read = splits.reading(script.script(), script.statements(), dialect, ScriptReading.class,
                    statements -> read(dialect, statements,
                            unqualified(splits.objects(script.script(), statements, dialect))));
            for (int i = 0; i < read.keys().size(); i++) {
                steps.add(new Step(script, i + 1, read.keys().get(i), read.objects().get(i)));
            }
            if (read.opaque()) {
                return steps;
            }
        }
        return steps;
    }

    private static ScriptReading read(Dialect dialect, List<SqlStatement> statements, List<List<DdlObject>> objects) {
        ForeignKeyReading keys = ForeignKeyReading.of(dialect);
        List<ForeignKeyReading.Reading> read = new ArrayList<>();
        for (SqlStatement statement : statements) {
            if (opaque(dialect, statement.sql())) {
                return new ScriptReading(List.copyOf(read), objects, true);
            }
            read.add(keys.of(statement.sql()));
        }
        return new ScriptReading(List.copyOf(read), objects, false);
    }

    private static boolean opaque(Dialect dialect, String sql) {
        List<dev.flotilla.sql.SqlTerm> terms = dialect.text().terms(sql);
        if (terms.isEmpty()) {
            return false;
        }
        dev.flotilla.sql.SqlTerm first = terms.get(0);
        return first.isWordIn(OPAQUE) || first.isWord("set") && sql.toLowerCase(Locale.ROOT).contains("foreign_key_checks");
    }
}
