package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.plan.Problem;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.verify.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 *     depends on existing data was not tested; false where the copy could not be made ({@link #copyFailed}), as nothing
 *     was tested there
 * @param tenantChecks on a target tenants share, each tenant's checks of its own rows, by its id, not yet in {@code checks}
 *     nor in the run's problems ({@link #forTenant} puts them there); empty otherwise
 * @param apart on a target tenants share, dry-run once for each tenant on a copy of its own sample rows: each one's
 *     report, by its id ({@link #forTenant}); empty otherwise
 * @param baseline what the target's history, read as the dry run began, records as baselined, as the control plane keeps
 *     it ({@link dev.flotilla.plan.Baselined#column}): the control plane learns it as a deploy's plans teach it; null
 *     where no history was read (none there yet)
 */
public record DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings, List<CheckResult> checks,
                           List<RoundTrip> roundTrips, RollbackForecast rollback, boolean structureOnly,
                           Map<String, List<CheckResult>> tenantChecks, Map<String, DryRunReport> apart, String baseline) {
    /** What a dry run on a copy without rows did not test, and how to test it. */
    public static final String UNTESTED_WITHOUT_ROWS = "a unique key added or restored is checked against the target's rows,"
            + " but failures that depend on existing rows otherwise (NOT NULL, checks, foreign keys) were not tested; copy rows"
            + " with --sample-rows N (dryRun.sampleRows), or use --mode transaction where the database allows it";

    /** What a dry run whose scratch copy could not be made ({@link #copyFailed}) means for a deploy, and what to fix. */
    public static final String COPY_NOT_MADE = "no migration was tried there, so a deploy to them would run untested (not known"
            + " to fail). Fix what the error says (the user's grant on the scratch databases, pg_dump, disk space) and dry-run"
            + " again.";

    public DryRunReport {
        structureOnly = structureOnly && !copyFailed(run);
        findings = List.copyOf(findings);
        checks = List.copyOf(checks);
        roundTrips = List.copyOf(roundTrips);
        tenantChecks = Map.copyOf(tenantChecks);
        apart = Map.copyOf(apart);
    }

    public DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings, List<CheckResult> checks,
                        List<RoundTrip> roundTrips, RollbackForecast rollback, boolean structureOnly,
                        Map<String, List<CheckResult>> tenantChecks) {
        this(run, mode, diff, findings, checks, roundTrips, rollback, structureOnly, tenantChecks, Map.of(), null);
    }

    /** The same report, of a target whose history records {@code baseline} as baselined (null: none read). */
    DryRunReport withBaseline(String baseline) {
        return new DryRunReport(run, mode, diff, findings, checks, roundTrips, rollback, structureOnly, tenantChecks, apart,
                baseline);
    }

    /**
     * The dry runs of the tenants sharing a target, each apart on its own rows, as one report: {@link #forTenant} gives
     * each one's; the rest is the first tenant's, with every tenant's problems.
     */
    static DryRunReport apart(Map<String, DryRunReport> reports) {
        DryRunReport first = reports.values().iterator().next();
        List<Problem> problems = reports.values().stream().flatMap(r -> r.run().problems().stream()).toList();
        RunReport run = new RunReport(first.run.command(), first.run.target(), first.run.dialect(), first.run.migrations(),
                first.run.advisedNotices(), problems, first.run.wallMillis());
        return new DryRunReport(run, first.mode, first.diff, first.findings, first.checks, first.roundTrips, first.rollback,
                first.structureOnly, Map.of(), reports, first.baseline);
    }

    public DryRunReport(RunReport run, String mode, SchemaDiff diff, List<LintFinding> findings, List<CheckResult> checks,
                        List<RoundTrip> roundTrips, RollbackForecast rollback, boolean structureOnly) {
        this(run, mode, diff, findings, checks, roundTrips, rollback, structureOnly, Map.of());
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

    /**
     * The problem a check that failed on the dry run's result is: a check of the whole run, so about the last of the
     * migrations it ran ({@code runs}), after which it looked; about none when none ran.
     */
    static Problem failed(CheckResult check, List<MigrationRun> runs) {
        MigrationRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        return new Problem(ErrorCode.CHECK_FAILED, "Check " + check.id() + " failed on the dry run's result: " + check.message(),
                last == null ? null : last.version() != null ? last.version() : last.script(), check.id());
    }

    /**
     * The report of one of the tenants sharing the target: the checks of the schema, then those of its own rows, a
     * failed one of which is its problem alone. This report where the target is one tenant's.
     */
    public DryRunReport forTenant(String tenant) {
        if (apart.containsKey(tenant)) {
            return apart.get(tenant).forTenant(tenant);
        }
        if (tenantChecks.isEmpty()) {
            return this;
        }
        List<CheckResult> own = tenantChecks.getOrDefault(tenant, List.of());
        List<CheckResult> all = new ArrayList<>(checks);
        all.addAll(own);
        List<Problem> problems = new ArrayList<>(run.problems());
        own.stream().filter(c -> !c.ok()).forEach(c -> problems.add(failed(c, run.migrations())));
        RunReport mine = new RunReport(run.command(), run.target(), run.dialect(), run.migrations(), run.advisedNotices(),
                problems, run.wallMillis());
        return new DryRunReport(mine, mode, diff, findings, all, roundTrips, rollback, structureOnly, Map.of(), Map.of(),
                baseline);
    }

    /**
     * The same report, {@code scrub} applied to every text of it: the run's statements and errors, the diff, the lint
     * findings, the checks and round trips, each tenant's own.
     */
    public DryRunReport masked(java.util.function.UnaryOperator<String> scrub) {
        Map<String, List<CheckResult>> ownChecks = new java.util.LinkedHashMap<>();
        tenantChecks.forEach((tenant, results) -> ownChecks.put(tenant, results.stream().map(c -> c.masked(scrub)).toList()));
        Map<String, DryRunReport> apartMasked = new java.util.LinkedHashMap<>();
        apart.forEach((tenant, report) -> apartMasked.put(tenant, report.masked(scrub)));
        return new DryRunReport(run.masked(scrub), mode, diff == null ? null : diff.masked(scrub),
                findings.stream().map(f -> f.masked(scrub)).toList(), checks.stream().map(c -> c.masked(scrub)).toList(),
                roundTrips.stream().map(r -> r.masked(scrub)).toList(), rollback, structureOnly, ownChecks, apartMasked,
                baseline);
    }

    /** The one line saying this dry run had no rows to test with, or null when it had them (or ran on the target). */
    public String structureOnlyNote() {
        return structureOnly ? "Tested on a structure-only copy (no rows): " + UNTESTED_WITHOUT_ROWS + "." : null;
    }

    public boolean ok() {
        return run.ok();
    }

    /**
     * Whether the scratch copy to dry-run on could not be made (CLONE_FAILED: a grant missing, pg_dump missing, a full
     * disk): no migration was tried, so a deploy to the target would be untested, not known to fail.
     */
    public boolean copyFailed() {
        return copyFailed(run);
    }

    private static boolean copyFailed(RunReport run) {
        return run.problems().stream().anyMatch(p -> p.code() == ErrorCode.CLONE_FAILED);
    }

    /**
     * Why {@link #status} is {@code warning}, in words: "its notice" (or "its 2 notices"), "1 lint warning(s)", or both
     * joined by "and"; null when it is not a warning. Lint notes never make one, so a page listing them says which did.
     */
    public String whyWarning() {
        if (!"warning".equals(status())) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        int notices = run.notices().size();
        if (notices > 0) {
            reasons.add(notices == 1 ? "its notice" : "its " + notices + " notices");
        }
        long warnings = findings.stream().filter(f -> f.severity().warns()).count();
        if (warnings > 0) {
            reasons.add(warnings + " lint warning(s)");
        }
        return String.join(" and ", reasons);
    }

    /**
     * What made it a warning, as said: each notice, then each lint warning as "[rule] message", one a line; null when it
     * is not a warning. The control plane keeps it (masked) with the tenant's outcome, for the tenant's page and the
     * dry run's (V28).
     */
    public String warningText() {
        if (!"warning".equals(status())) {
            return null;
        }
        List<String> lines = new ArrayList<>(run.notices());
        findings.stream().filter(f -> f.severity().warns()).forEach(f -> lines.add("[" + f.rule() + "] " + f.message()));
        return String.join("\n", lines);
    }

    /** {@code success}, {@code warning} (ran, with notices or lint warnings; lint notes do not count) or {@code error}. */
    public String status() {
        if (!run.ok()) {
            return "error";
        }
        boolean warned = findings.stream().anyMatch(f -> f.severity().warns());
        return run.notices().isEmpty() && !warned ? "success" : "warning";
    }
}
