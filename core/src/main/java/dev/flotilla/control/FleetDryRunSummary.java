package dev.flotilla.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet dry run as a list of them shows it ({@code flotilla dry-runs}, {@code GET /api/v1/dry-runs}, the console's
 * Dry runs page): the run's own facts and its tenants counted, without its files or each tenant's outcome, which
 * {@link FleetDryRunRecord} has. A page of them is read in one query ({@link DryRunStore#summaries}).
 *
 * @param total   how many tenants it tests
 * @param passing how many tenants' tests ended in {@code success} or {@code warning}
 * @param errors  how many tenants' tests ended in {@code error}
 */
public record FleetDryRunSummary(String id, String user, Instant started, List<String> versions, Instant finished, Long millis,
                                 String error, Boolean outOfOrder, boolean fromCommandLine, int total, long passing,
                                 long errors) {
    public FleetDryRunSummary {
        versions = List.copyOf(versions);
    }

    public boolean done() {
        return finished != null;
    }

    /** See {@link FleetDryRunRecord#interrupted}. */
    public boolean interrupted() {
        return done() && error != null && error.startsWith(DryRunStore.INTERRUPTED);
    }

    /**
     * How it ended, as the API, the console and {@code flotilla dry-runs} say it: {@code unfinished} (no end recorded: it
     * still runs, or its process is gone where no sweep has seen it yet), {@code interrupted}, {@code failed} (it could
     * not run, or a tenant's test ended in an error) or {@code done}.
     */
    public String status() {
        if (!done()) {
            return "unfinished";
        }
        if (interrupted()) {
            return "interrupted";
        }
        return error != null || errors > 0 ? "failed" : "done";
    }

    /** Where it was started: {@code cli} ({@code flotilla dry-run}) or {@code console} (the console and its API). */
    public String startedFrom() {
        return fromCommandLine ? "cli" : "console";
    }

    /** How many tenants' tests passed ({@code success} or {@code warning}); none when the run itself could not run. */
    public long passed() {
        return error != null ? 0 : passing;
    }

    /** How many tenants' tests ended in an error. */
    public long failed() {
        return errors;
    }

    /**
     * The run as {@code flotilla dry-runs --json} and {@code GET /api/v1/dry-runs} list it, its status {@code status}
     * (the record's, or the console's {@code running} for a run it still holds).
     */
    public Map<String, Object> asMap(String status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("status", status);
        entry.put("startedAt", started.toString());
        entry.put("finishedAt", finished == null ? null : finished.toString());
        entry.put("startedBy", user);
        entry.put("startedFrom", startedFrom());
        entry.put("versions", versions);
        entry.put("outOfOrder", outOfOrder);
        entry.put("total", total);
        entry.put("passed", passed());
        entry.put("failed", failed());
        entry.put("wallMs", millis);
        entry.put("error", error);
        return entry;
    }
}
