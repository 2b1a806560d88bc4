package dev.flotilla.cli;

import dev.flotilla.verify.CheckResult;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RollbackForecast;
import dev.flotilla.run.RoundTrip;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.SchemaWideFindings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders dry runs: one target in full ({@link FleetDryRunReports}: a fleet as a line per tenant and its groups). */
final class DryRunReports {
    private DryRunReports() {
    }

    /**
     * Everything about one dry run, for people: of a migrate, or of a rollback when {@code rollback}; each version as
     * {@code labels} shows it ({@link dev.flotilla.migration.LoadedMigrations#label}).
     */
    static void print(Output output, DryRunReport report, boolean rollback, int sampleRows,
                      java.util.function.UnaryOperator<String> labels) {
        if (rollback) {
            RunReports.print(output, report.run(), "would undo", "would roll back", true, null, labels);
        } else {
            RunReports.print(output, report.run(), "would apply", "would apply", true, null, labels);
        }
        forecast(report).forEach(line -> output.line("  " + line));
        if (report.mode() != null && report.copyFailed()) {
            output.line("  mode: clone (the scratch copy could not be made: nothing was tested)");
        } else if (report.mode() != null) {
            output.line("  mode: " + report.mode() + (report.mode().equals("transaction") ? " (rolled back)" : " (scratch copy dropped)"));
            if (report.mode().equals("clone") && !report.structureOnly()) { // a structure-only copy's note follows
                output.line("  " + notTestedOnAClone(sampleRows));
            }
        }
        if (report.structureOnly()) {
            output.line("  " + output.yellow(report.structureOnlyNote()));
        }
        if (report.diff() != null) {
            printDiff(output, report.diff());
        }
        printRoundTrips(output, report);
        if (!report.checks().isEmpty()) {
            output.line("  checks on the result: " + CheckReports.count(report.checks()));
            CheckReports.print(output, "    ", report.checks().stream().filter(c -> !c.ok()).toList());
        }
        report.findings().forEach(finding -> output.line("  " + findingLine(output, finding)));
        if (report.ok()) {
            output.line("Dry run: nothing was kept; the target's schema and history are unchanged (checked).");
        }
    }

    /**
     * What a dry-run rollback says beyond its statements: the tables it would drop with their rows now, the repeatables
     * it would mark to run again; nothing for a dry run of pending migrations.
     */
    static List<String> forecast(DryRunReport report) {
        RollbackForecast forecast = report.rollback();
        List<String> lines = new java.util.ArrayList<>();
        if (forecast == null) {
            return lines;
        }
        forecast.droppedTables().forEach(t -> lines.add("drops table " + t.table() + " (" + (t.rows() == null ? "rows not counted"
                : String.format(java.util.Locale.ROOT, "%,d row%s", t.rows(), t.rows() == 1 ? "" : "s")) + ") in " + t.script()));
        if (!forecast.repeatables().isEmpty()) {
            lines.add("marks to run again at the next migrate (applied over what it undoes): "
                    + String.join(", ", forecast.repeatables()));
        }
        return lines;
    }

    private static void printDiff(Output output, SchemaDiff diff) {
        if (diff.isEmpty()) {
            output.line("  schema changes: none");
            return;
        }
        diff.summary().forEach((kind, names) -> {
            if (!names.isEmpty()) {
                output.line("  " + label(kind) + ": " + String.join(", ", names));
            }
        });
    }

    /** "tablesCreated" as "Tables created". */
    private static String label(String kind) {
        String words = kind.replaceAll("([A-Z])", " $1").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** "warning [drop-column] V2__orders.sql:2 Statement at line 2 drops column ...". */
    static String findingLine(Output output, LintFinding finding) {
        return output.yellow(finding.severity().name().toLowerCase()) + " [" + finding.rule() + "] " + finding.script()
                + (finding.line() > 0 ? ":" + finding.line() : "") + " " + finding.message();
    }

    /**
     * What a dry run on a clone does not try: the target's rows (all of them, or all but the sample), so what depends on
     * them can still fail for real (seen on MariaDB: a down file's unique key over rows two tenants share).
     */
    static String notTestedOnAClone(int sampleRows) {
        if (sampleRows > 0) {
            return "the structure with at most " + sampleRows + " row(s) per table: a unique key added or restored is checked"
                    + " against all the target's rows, but NOT NULL, a check or a foreign key is tested over the rows copied only"
                    + " and may still fail on the real target's others.";
        }
        return "structure only, without any row: a unique key added or restored is checked against the target's rows, but NOT"
                + " NULL, a check or a foreign key over existing rows is not tested and may still fail on the real target"
                + " (--sample-rows N copies some rows).";
    }

    static Map<String, Object> json(String id, String target, DryRunReport report, String error) {
        return json(id, target, report, error, null);
    }

    /**
     * One dry run as JSON; with {@code tenant} (a fleet's), the commands its notices and its failed migration's error
     * name are written for that tenant ({@code --tenants ID}), runnable as they are, as the text's are.
     */
    static Map<String, Object> json(String id, String target, DryRunReport report, String error, TenantId tenant) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("target", target);
        entry.put("status", report == null ? "error" : report.status());
        entry.put("notTested", report != null && report.copyFailed()); // its status says error: nothing was tried
        if (report != null) {
            entry.put("mode", report.mode());
            entry.put("structureOnly", report.structureOnly());
            entry.put("timeMs", report.run().wallMillis());
            entry.put("statements", report.run().migrations().stream().flatMap(m -> statements(m).stream()).toList());
            entry.put("migrations", report.run().migrations().stream().map(m -> migration(m, tenant)).toList());
            entry.put("diff", report.diff() == null ? null : report.diff().summary());
            entry.put("warnings", warnings(report, tenant));
            entry.put("checks", report.checks().stream().map(CheckResult::asMap).toList());
            entry.put("roundTrips", roundTrips(report));
            if (report.rollback() != null) {
                entry.put("droppedTables", report.rollback().droppedTables().stream().map(t -> {
                    Map<String, Object> table = new LinkedHashMap<>();
                    table.put("table", t.table());
                    table.put("script", t.script());
                    table.put("rows", t.rows());
                    return table;
                }).toList());
                entry.put("repeatablesToRunAgain", report.rollback().repeatables());
            }
        }
        entry.put("error", error);
        return entry;
    }

    private static List<Map<String, Object>> statements(MigrationRun run) {
        return run.statements().stream().map(s -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("script", run.script());
            entry.put("index", s.index());
            entry.put("line", s.line());
            entry.put("sql", s.sql());
            entry.put("timeMs", s.millis());
            entry.put("rows", s.rowsAffected());
            return entry;
        }).toList();
    }

    /** A migration of the dry run; its error's commands written for {@code tenant}, unless null (one target). */
    private static Map<String, Object> migration(MigrationRun run, TenantId tenant) {
        Map<String, Object> entry = RunReports.migration(run, false);
        if (tenant != null && run.advice() != null) {
            entry.put("error", run.advice().forTenant(tenant).text());
        }
        return entry;
    }

    private static List<Map<String, Object>> warnings(DryRunReport report, TenantId tenant) {
        List<Map<String, Object>> warnings = new java.util.ArrayList<>();
        report.findings().forEach(finding -> warnings.add(finding(finding)));
        report.run().advisedNotices().forEach(notice -> warnings.add(Map.of("rule", "notice", "severity", "info", "message",
                tenant == null ? notice.text() : notice.forTenant(tenant).text())));
        if (report.structureOnly()) {
            warnings.add(Map.of("rule", "structure-only", "severity", "info", "message", report.structureOnlyNote()));
        }
        return warnings;
    }

    static void printRoundTrips(Output output, DryRunReport report) {
        for (RoundTrip trip : report.roundTrips()) {
            String status = trip.skipped() != null ? "skipped (" + trip.skipped() + ")" : trip.ok() ? output.green("passed")
                    : output.red("FAILED");
            output.line("  round trip " + trip.script() + ": " + status);
            trip.problems().forEach(problem -> output.line("      " + problem));
        }
    }

    static List<Map<String, Object>> roundTrips(DryRunReport report) {
        return report.roundTrips().stream().map(trip -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", trip.version());
            entry.put("script", trip.script());
            entry.put("ok", trip.ok());
            entry.put("skipped", trip.skipped());
            entry.put("problems", trip.problems());
            return entry;
        }).toList();
    }

    static Map<String, Object> finding(LintFinding finding) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rule", finding.rule());
        entry.put("severity", finding.severity().name().toLowerCase());
        entry.put("message", finding.message());
        entry.put("script", finding.script());
        entry.put("line", finding.line());
        return entry;
    }
}
