package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Advice;
import dev.flotilla.tenant.TenantId;

/**
 * One tenant's dry run in a fleet dry run.
 *
 * @param schema the tenant's own schema, or database on MariaDB/MySQL, where its target names one; null otherwise
 * @param report null when the tenant could not be dry-run at all (unreachable, wrong password)
 * @param code and {@code advice}: why there is no report, the commands it names as values; null when there is one
 */
public record TenantDryRun(TenantId tenant, String target, String schema, DryRunReport report, ErrorCode code, Advice advice) {

    /** The same result, {@code scrub} applied to every text of its report, or to why there is none. */
    public TenantDryRun masked(java.util.function.UnaryOperator<String> scrub) {
        return new TenantDryRun(tenant, target, schema, report == null ? null : report.masked(scrub), code,
                advice == null ? null : advice.masked(scrub));
    }

    /** Why there is no report, as it reads for one target; null when there is one. */
    public String error() {
        return advice == null ? null : advice.text();
    }

    /** {@code success}, {@code warning} or {@code error}. */
    public String status() {
        return report == null ? "error" : report.status();
    }

    /** Its own dry run's time in ms, the control plane keeps with its outcome (V28); null when it could not be dry-run at all. */
    public Long millis() {
        return report == null ? null : report.run().wallMillis();
    }

    /** What made it a warning ({@link DryRunReport#warningText}); null when it is none. */
    public String warning() {
        return report == null ? null : report.warningText();
    }

    /**
     * Whether nothing was tried on it: its scratch copy could not be made (CLONE_FAILED), so it is untested, not known to
     * fail; {@link #status} still says {@code error}.
     */
    public boolean untested() {
        return report != null && report.copyFailed();
    }

    /**
     * The one line saying how many tenants were tested on a structure-only copy (no rows), or null when none was: a
     * test that passed there says nothing of a duplicate row or a NULL the deploy will meet.
     */
    public static String structureOnlyNote(java.util.List<TenantDryRun> results) {
        long count = results.stream().filter(r -> r.report() != null && r.report().structureOnly()).count();
        return count == 0 ? null : count + " tenant(s) tested on a structure-only copy (no rows): "
                + DryRunReport.UNTESTED_WITHOUT_ROWS + ".";
    }

    /**
     * The code of what went wrong, null when nothing did: CLONE_FAILED where nothing was tried ({@link #untested}), else
     * that of {@link #firstError}. The control plane keeps it with the error, which tells "not tested" from "failed".
     */
    public ErrorCode errorCode() {
        if (report == null) {
            return code;
        }
        if (untested()) {
            return ErrorCode.CLONE_FAILED;
        }
        return report.run().problems().isEmpty() ? null : report.run().problems().get(0).code();
    }

    /** The first thing that went wrong, or null; the commands it names are for this tenant. */
    public String firstError() {
        Advice first = firstProblem();
        return first == null ? null : first.forTenant(tenant).text();
    }

    /** The first thing that went wrong, as it reads for one target, its commands as values; null when nothing did. */
    Advice firstProblem() {
        if (report == null) {
            return advice;
        }
        return report.run().problems().isEmpty() ? null : report.run().problems().get(0).advice();
    }
}
