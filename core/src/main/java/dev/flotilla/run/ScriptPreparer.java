package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.lint.LintDirective;
import dev.flotilla.migration.DownScript;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.SplitScripts;
import dev.flotilla.plan.Problem;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Placeholders;
import dev.flotilla.sql.SqlParseException;
import java.util.List;
import java.util.Map;

/**
 * Replaces placeholders and splits scripts for one target, collecting every script that cannot be prepared,
 * so that nothing runs when any of them is broken.
 */
final class ScriptPreparer {
    private final Dialect dialect;
    private final Map<String, String> placeholders;
    private final SplitScripts splits;
    /** How messages name a file, by its name ({@link LoadedMigrations#shown}). */
    private final java.util.function.UnaryOperator<String> shown;
    /** Problems by the script that has them, one each. */
    private final Map<String, Problem> problems = new java.util.LinkedHashMap<>();

    ScriptPreparer(Dialect dialect, Map<String, String> placeholders) {
        this(dialect, placeholders, new SplitScripts());
    }

    /** With the splits of the run's files, where a script split for a target before is taken again for the same text. */
    ScriptPreparer(Dialect dialect, Map<String, String> placeholders, SplitScripts splits) {
        this(dialect, placeholders, splits, script -> script);
    }

    /** The same, each file named as {@code files} name it (by its path, when they come from several folders). */
    ScriptPreparer(Dialect dialect, Map<String, String> placeholders, LoadedMigrations files) {
        this(dialect, placeholders, files.splits(), files::shown);
    }

    private ScriptPreparer(Dialect dialect, Map<String, String> placeholders, SplitScripts splits,
                           java.util.function.UnaryOperator<String> shown) {
        this.dialect = dialect;
        this.placeholders = Map.copyOf(placeholders);
        this.splits = splits;
        this.shown = shown;
    }

    PreparedScript up(Migration migration) {
        String version = migration.version() == null ? null : migration.version().toString();
        return prepare(migration.kind(), version, migration.description(), migration.script(), migration.checksum(),
                migration.sql(), recorded -> migration.hasChecksum(recorded, placeholders));
    }

    PreparedScript down(Migration migration, DownScript down) {
        return prepare(MigrationKind.UNDO, migration.version().toString(), migration.description(), down.script(),
                down.checksum(), down.sql(), down.checksum()::equals);
    }

    /** Problems met so far, one per broken script. */
    List<Problem> problems() {
        return List.copyOf(problems.values());
    }

    /** The same, by the broken script's file name. */
    Map<String, Problem> problemsByScript() {
        return new java.util.LinkedHashMap<>(problems);
    }

    private PreparedScript prepare(MigrationKind kind, String version, String description, String script,
                                   String checksum, String sql, java.util.function.Predicate<String> ranAs) {
        try {
            String text = Placeholders.replace(sql, placeholders);
            return new PreparedScript(kind, version, description, script, shown.apply(script), checksum,
                    splits.split(script, text, dialect), LintDirective.disabledRules(text), ranAs);
        } catch (SqlParseException e) {
            problems.put(script, new Problem(ErrorCode.SQL_PARSE_ERROR, shown.apply(script) + " line " + e.line() + ": "
                    + e.getMessage() + ". Fix the file; nothing was run.", version != null ? version : script));
        } catch (FlotillaException e) {
            problems.put(script, new Problem(e.code(), shown.apply(script) + ": " + e.getMessage(),
                    version != null ? version : script));
        }
        return null;
    }
}
