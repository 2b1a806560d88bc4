package dev.flotilla.cli;

import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.StatementRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Renders a {@link RunReport} (migrate, rollback, dry run) as JSON data and as lines for people. */
final class RunReports {
    private RunReports() {
    }

    static Map<String, Object> data(RunReport report, boolean withStatements) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", report.target());
        data.put("dialect", report.dialect());
        data.put("applied", report.applied().stream().map(m -> m.version() != null ? m.version() : m.script()).toList());
        data.put("migrations", report.migrations().stream().map(m -> migration(m, withStatements)).toList());
        data.put("notices", report.notices());
        data.put("wallMs", report.wallMillis());
        return data;
    }

    static Map<String, Object> migration(MigrationRun run, boolean withStatements) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("version", run.version());
        entry.put("description", run.description());
        entry.put("script", run.script());
        entry.put("kind", run.kind().name().toLowerCase());
        entry.put("outcome", run.outcome().name().toLowerCase());
        entry.put("transactional", run.transactional());
        entry.put("timeMs", run.millis());
        entry.put("statementCount", run.statements().size());
        if (withStatements) {
            entry.put("statements", run.statements().stream().map(RunReports::statement).toList());
        }
        if (run.failed()) {
            entry.put("failedStatement", run.failedStatement());
            entry.put("error", run.error());
        }
        return entry;
    }

    private static Map<String, Object> statement(StatementRun statement) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", statement.index());
        entry.put("line", statement.line());
        entry.put("sql", statement.sql());
        entry.put("timeMs", statement.millis());
        entry.put("rows", statement.rowsAffected());
        return entry;
    }

    /** Prints notices, one line per migration (and per statement when asked), and a summary. */
    static void print(Output output, RunReport report, String verb, boolean withStatements) {
        print(output, report, verb, verb, withStatements);
    }

    /**
     * As {@link #print(Output, RunReport, String, boolean)}, with the summary's verb apart from each line's: a dry
     * run of a rollback "would undo" each migration and "Would roll back" them all.
     */
    static void print(Output output, RunReport report, String verb, String summaryVerb, boolean withStatements) {
        print(output, report, verb, summaryVerb, withStatements, null);
    }

    /**
     * As {@link #print(Output, RunReport, String, String, boolean)}, saying {@code nothing} ("nothing pending up to 3")
     * when nothing ran; null says the target is up to date.
     */
    static void print(Output output, RunReport report, String verb, String summaryVerb, boolean withStatements,
                      String nothing) {
        print(output, report, verb, summaryVerb, withStatements, nothing, UnaryOperator.identity());
    }

    /**
     * As {@link #print(Output, RunReport, String, String, boolean, String)}, each version shown as {@code labels} gives
     * it ({@link dev.flotilla.migration.LoadedMigrations#label}: as its file writes it).
     */
    static void print(Output output, RunReport report, String verb, String summaryVerb, boolean withStatements,
                      String nothing, UnaryOperator<String> labels) {
        output.line(capitalize(report.command()) + " " + report.target() + " [" + report.dialect() + "]");
        report.notices().forEach(notice -> output.line("  " + output.yellow("notice") + " " + notice));
        for (MigrationRun run : report.migrations()) {
            String name = run.version() != null ? labels.apply(run.version()) + " " + run.description() : run.script();
            switch (run.outcome()) {
                case APPLIED -> output.line("  " + output.green(verb) + " " + name + " (" + run.millis() + " ms"
                        + (run.transactional() ? "" : ", outside a transaction") + ")");
                case SKIPPED -> output.line("  skipped " + name + ": another run applied it first");
                case FAILED -> output.line("  " + output.red("FAILED") + " " + name);
            }
            if (withStatements) {
                run.statements().forEach(s -> output.line("      #" + s.index() + " line " + s.line() + ", " + s.millis()
                        + " ms" + (s.rowsAffected() >= 0 ? ", " + s.rowsAffected() + " row(s)" : "") + ": " + oneLine(s.sql())));
            }
        }
        List<MigrationRun> applied = report.applied();
        if (report.ok()) {
            output.line(applied.isEmpty() ? "Nothing to do: " + (nothing == null ? "the target is up to date" : nothing)
                    + "." : capitalize(summaryVerb) + " "
                    + applied.size() + " migration(s) in " + report.wallMillis() + " ms.");
        }
    }

    private static String oneLine(String sql) {
        String text = sql.replaceAll("\\s+", " ").strip();
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
