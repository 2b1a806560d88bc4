package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.SplitScripts;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a target has pending, ready to run: the files joined with its history (its plan), the placeholders' values on it,
 * and the pending scripts split with its dialect, with what is worth noticing about them. Stateless.
 */
final class PendingScripts {
    private PendingScripts() {
    }

    /**
     * The pending migrations prepared for a target, with {@code ${schema}} set to {@code schema}; problems
     * (history findings, unsplittable scripts) go to {@code run} and leave the list incomplete.
     */
    static List<PreparedScript> of(TargetOptions options, LoadedMigrations migrations, TargetSession session, String schema,
                                   TargetRun run) throws SQLException {
        if (!session.history().exists()) {
            List<String> tables = session.userTablesWhenLocked();
            String foreign = ForeignHistory.among(tables);
            if (foreign != null) {
                run.problems.add(ForeignHistory.problem(session.spec().displayName(), session.history().name(), foreign));
                return List.of();
            }
            if (hasTable(tables, "migrations")) {
                run.notices.add(TablesWithoutHistory.laravelTable(session.spec().displayName()));
            }
            if (!tables.isEmpty()) {
                run.notices.add(TablesWithoutHistory.whenMigrating(session.spec().displayName(), tables.size(),
                        session.history().name()));
            }
        }
        // Under a lock that keeps everyone else out, the rows read with the lock are still the rows.
        List<dev.flotilla.target.AppliedMigration> history = session.lockedExclusively() ? session.history().current()
                : session.history().read();
        TargetPlan plan = planOf(options, migrations, session, history);
        run.problems.addAll(plan.problems(options.policy()));
        List<PreparedScript> scripts = new ArrayList<>();
        if (!run.problems.isEmpty()) {
            return scripts;
        }
        ScriptPreparer preparer = preparer(options, session.dialect(), schema, migrations);
        for (Migration migration : plan.pending(options.policy())) {
            PreparedScript script = preparer.up(migration);
            if (script != null) {
                scripts.add(script);
                if (!"dry-run".equals(run.command)) {
                    noticeOutsideTransaction(session, script, run.notices);
                }
            }
        }
        run.problems.addAll(preparer.problems());
        return scripts;
    }

    /** Whether {@code name} is among {@code tables}, in any case. A loop: every first deploy's tenant asks (round 29). */
    private static boolean hasTable(List<String> tables, String name) {
        for (String table : tables) {
            if (table.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The files joined with {@code history}, a repeatable adopted with Flyway's checksum compared as Flyway would. */
    static TargetPlan planOf(TargetOptions options, LoadedMigrations migrations, TargetSession session,
                             List<dev.flotilla.target.AppliedMigration> history) {
        return TargetPlan.of(migrations, history, session.spec().displayName(), placeholderValues(options, session.schema()));
    }

    static ScriptPreparer preparer(TargetOptions options, Dialect dialect, String schema) {
        return new ScriptPreparer(dialect, placeholderValues(options, schema));
    }

    /** The same, taking a script split for another target before again where its text is the same ({@link SplitScripts}). */
    static ScriptPreparer preparer(TargetOptions options, Dialect dialect, String schema, LoadedMigrations migrations) {
        return new ScriptPreparer(dialect, placeholderValues(options, schema), migrations);
    }

    /**
     * The placeholders' values on a tenant's target, read without a session: {@code template}'s for it, its schema as
     * {@link SchemaGroups#schemaOf} reads it. A repeatable adopted with Flyway's checksum is compared after them.
     */
    static Map<String, String> placeholderValues(TargetOptions template, TenantTarget target) {
        return placeholderValues(template.forTarget(target.target(), target.tenant().id().value()),
                java.util.Objects.requireNonNullElse(SchemaGroups.schemaOf(target), "schema"));
    }

    /** The placeholders' values on a target: the options' and the built-in {@code schema} and {@code tenant}. */
    static Map<String, String> placeholderValues(TargetOptions options, String schema) {
        String tenant = tenantOf(options, schema);
        if (options.placeholders().isEmpty() && schema != null && tenant != null) {
            // Where none are configured (the usual case), an immutable map the ScriptPreparer keeps as it is rather than
            // copying it: a deploy asks for the values for every tenant.
            return Map.of("schema", schema, "tenant", tenant);
        }
        Map<String, String> values = new HashMap<>(options.placeholders());
        values.put("schema", schema);
        values.put("tenant", tenant);
        return values;
    }

    /** What {@code ${tenant}} stands for on a target: the tenant's id, or the schema's name where no tenant is given. */
    static String tenantOf(TargetOptions options, String schema) {
        return options.tenant() != null ? options.tenant() : schema;
    }

    private static void noticeOutsideTransaction(TargetSession session, PreparedScript script, List<Advice> notices) {
        if (session.dialect().transactionalDdl()) {
            script.firstNonTransactional().ifPresent(statement -> notices.add(Advice.plain(script.shown() + " runs outside"
                    + " a transaction: its " + StatementByStatement.refusing(statement) + " cannot run inside one. Each"
                    + " statement commits by itself; a failure is recorded at the statement where it happened.")));
        }
    }
}
