package dev.flotilla.run;

import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintSeverity;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.verify.CheckResult;
import java.util.List;

/**
 * The result of a dry run on one target.
 *
 * @param mode where it ran: {@code transaction} or {@code clone}; null when it stopped before running anything
 * @param diff what the migrations changed in the schema; null when a migration failed
 * @param findings the lint rules' warnings about the pending migrations
 * @param checks the checks run on the migrated schema before it was thrown away (a failed one is also a problem)
 * @param roundTrips one per migration when the round-trip check was asked for (a failed one is also a problem)
 * @param rollback for a dry run of a rollback that ran its down scripts, the tables they drop and the repeatables it
 *     would mark to run again; null otherwise
 * @param structureOnly ran on a scratch copy of the structure without rows ({@code clone}, {@code sampleRows 0}): what
 *     depends on existing data was not tested
 */
public record DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings, List<CheckResult> checks,
                           List<RoundTrip> roundTrips, RollbackForecast rollback, boolean structureOnly) {
    /** What a dry run on a copy without rows did not test, and how to test it. */
    public static final String UNTESTED_WITHOUT_ROWS = "failures that depend on existing rows (unique keys, NOT NULL, foreign"
            + " keys) were not tested; copy rows with --sample-rows N (dryRun.sampleRows), or use --mode transaction where the"
            + " database allows it";

    public DryRunReport {
        findings = List.copyOf(findings);
        checks = List.copyOf(checks);
        roundTrips = List.copyOf(roundTrips);
    }

    public DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings, List<CheckResult> checks,
                        List<RoundTrip> roundTrips, RollbackForecast rollback) {
        this(run, mode, diff, findings, checks, roundTrips, rollback, false);
    }

    /** A report without checks and round trips. */
    public DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings) {
        this(run, mode, diff, findings, List.of(), List.of(), null);
    }

    /** A report of a dry run of pending migrations. */
    public DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings, List<CheckResult> checks,
                        List<RoundTrip> roundTrips) {
        this(run, mode, diff, findings, checks, roundTrips, null);
    }

    /** The one line saying this dry run had no rows to test with, or null when it had them (or ran on the target). */
    public String structureOnlyNote() {
        return structureOnly ? "Tested on a structure-only copy (no rows): " + UNTESTED_WITHOUT_ROWS + "." : null;
    }

    public boolean ok() {
        return run.ok();
    }

    /** {@code success}, {@code warning} (ran, with notices or lint warnings; lint notes do not count) or {@code error}. */
    public String status() {
        if (!run.ok()) {
            return "error";
        }
        boolean warned = findings.stream().anyMatch(f -> f.severity() == LintSeverity.WARNING);
        return run.notices().isEmpty() && !warned ? "success" : "warning";
    }
}
