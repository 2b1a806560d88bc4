package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.lint.LintContext;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintScript;
import dev.flotilla.lint.Linter;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.plan.Problem;
import dev.flotilla.sql.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What can be told of the migration scripts without connecting to a target: whether each splits in a dialect (or in
 * every one), and what lint finds in them. Placeholders get their configured values, {@code ${schema}} and
 * {@code ${tenant}} the words "schema" and "tenant" unless configured. Stateless.
 */
public final class ScriptsWithoutTarget {
    private ScriptsWithoutTarget() {
    }

    /**
     * Splits every migration (and, {@code withDownScripts}, down script) with the dialect of the options' target and
     * returns the scripts that cannot be run (unterminated strings, comments or bodies).
     */
    static List<Problem> problems(TargetOptions options, LoadedMigrations migrations, boolean withDownScripts) {
        Dialect dialect = Dialect.forUrl(options.target().url());
        String schema = options.target().schema() != null ? options.target().schema() : "schema";
        ScriptPreparer preparer = PendingScripts.preparer(options, dialect, schema);
        for (Migration migration : migrations.migrations()) {
            preparer.up(migration);
            if (withDownScripts) {
                migration.downScript().ifPresent(down -> preparer.down(migration, down));
            }
        }
        return preparer.problems();
    }

    /**
     * The scripts no supported dialect can split, for checking files with no target to say which dialect applies:
     * an unterminated string or comment breaks every one; what only one dialect knows (dollar quotes,
     * {@code DELIMITER}) passes. Each problem is told as PostgreSQL's splitter saw it.
     */
    public static List<Problem> problemsInEveryDialect(LoadedMigrations migrations, Map<String, String> placeholders) {
        Map<String, String> values = withSchemaAndTenantWords(placeholders);
        Map<String, Problem> broken = null;
        for (String dialect : List.of("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:sqlite:", "jdbc:h2:")) {
            ScriptPreparer preparer = new ScriptPreparer(Dialect.forUrl(dialect), values);
            for (Migration migration : migrations.migrations()) {
                preparer.up(migration);
                migration.downScript().ifPresent(down -> preparer.down(migration, down));
            }
            if (broken == null) {
                broken = preparer.problemsByScript();
            } else {
                broken.keySet().retainAll(preparer.problemsByScript().keySet());
            }
        }
        return List.copyOf(broken.values());
    }

    /** Lints every migration's up script in {@code dialect}, in the order they would run. */
    static LintReport lint(LoadedMigrations migrations, Map<String, String> placeholders, Dialect dialect,
                           LintContext context) {
        ScriptPreparer preparer = new ScriptPreparer(dialect, withSchemaAndTenantWords(placeholders));
        List<LintScript> scripts = new ArrayList<>();
        List<Migration> inRunOrder = new ArrayList<>(migrations.versioned());
        inRunOrder.addAll(migrations.repeatables());
        for (Migration migration : inRunOrder) {
            PreparedScript script = preparer.up(migration);
            if (script != null) {
                scripts.add(new LintScript(script.script(), script.statements(), script.lintDisabled()));
            }
        }
        return new LintReport(Linter.lint(scripts, context), preparer.problems());
    }

    /** Lint findings, and the scripts that could not be split to be linted. */
    record LintReport(List<LintFinding> findings, List<Problem> problems) {
    }

    private static Map<String, String> withSchemaAndTenantWords(Map<String, String> placeholders) {
        Map<String, String> values = new HashMap<>(placeholders);
        values.putIfAbsent("schema", "schema");
        values.putIfAbsent("tenant", "tenant");
        return values;
    }
}
