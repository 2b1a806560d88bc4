package dev.flotilla.web;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.run.DryRunGroup;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.web.fleet.FleetJobs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet dry run in the API, in the words of the other jobs ({@code status} running, done or failed, {@code user},
 * {@code timeMs}) and of {@code dry-run --json} ({@code tenants}, {@code groups}, {@code wallMs}): from the job this console
 * keeps, with every tenant's details, or from the control plane's record once the console no longer keeps the job
 * (older, or started before a restart), saying that its details are gone.
 */
final class DryRunJson {
    /** Why a dry run's answer has each tenant's status and error only. */
    static final String DETAILS_GONE = "This console no longer keeps this dry run's details (it keeps its newest "
            + "dry runs in memory, until it restarts): each tenant's status, error and its code are the control plane's record, which"
            + " still gates a deployment naming the dry run; its modes, times, diffs, warnings and groups are gone: dry-run"
            + " again to see them.";

    /** Why a dry run of the command line's answer has each tenant's status and error only. */
    static final String FROM_COMMAND_LINE = "This dry run ran on the command line (flotilla dry-run): each tenant's status,"
            + " error and its code are the control plane's record, which gates a deployment naming the dry run as a console's"
            + " does; its modes, times, diffs and warnings are in that command's output (--json).";

    private DryRunJson() {
    }

    /** A dry run this console keeps: every tenant's details. */
    static Map<String, Object> of(FleetJobs.Job<List<TenantDryRun>> job) {
        List<TenantDryRun> results = job.result() == null ? List.of() : job.result();
        long failed = results.stream().filter(r -> "error".equals(r.status())).count();
        Map<String, Object> json = head(job.id(), !job.done() ? "running" : job.error() != null || failed > 0 ? "failed" : "done",
                job.user(), job.versions(), job.tenants().size(), failed, job.error(), job.done() ? job.millis() : null);
        json.put("outOfOrder", job.outOfOrder());
        json.put("fromCommandLine", false);
        json.put("detailsAvailable", true);
        json.put("tenants", results.stream().map(ApiJson::dryRun).toList());
        json.put("groups", DryRunGroup.of(results).stream().map(ApiJson::group).toList());
        return json;
    }

    /** A dry run as the control plane recorded it: each tenant's status, error and its code, and {@link #DETAILS_GONE}. */
    static Map<String, Object> of(FleetDryRunRecord record) {
        // Unfinished: not this console's, its console stopped before it finished (the deploy gate refuses it so);
        // interrupted: its process was gone before it recorded its end, and a sweep ended it (not passed either).
        Map<String, Object> json = head(record.id(), record.status(), record.user(), record.versions(), record.tenants().size(),
                record.failed(), record.error(), record.millis());
        json.put("outOfOrder", record.outOfOrder()); // null for a dry run recorded before the choice was kept
        // `flotilla dry-run` of tenants of the fleet (a CI job's): its user is the one it ran as, its details its output's.
        json.put("fromCommandLine", record.fromCommandLine());
        json.put("detailsAvailable", false);
        json.put("detailsNote", record.fromCommandLine() ? FROM_COMMAND_LINE : DETAILS_GONE);
        json.put("tenants", record.tenants().entrySet().stream().map(e -> {
            Map<String, Object> tenant = new LinkedHashMap<>();
            tenant.put("id", e.getKey().value());
            tenant.put("status", e.getValue().status());
            tenant.put("error", e.getValue().error());
            tenant.put("errorCode", e.getValue().code()); // null for a dry run recorded before codes were kept
            tenant.put("notTested", e.getValue().untested());
            tenant.put("timeMs", e.getValue().millis()); // null where it could not be dry-run, and before V28
            tenant.put("warning", e.getValue().warning()); // why it is a warning, masked; null when none
            return tenant;
        }).toList());
        return json;
    }

    /**
     * A dry run in GET /api/v1/dry-runs, as {@code flotilla dry-runs --json} lists it: its status {@code running} while
     * this console runs it, else the record's (done, failed, interrupted, unfinished).
     */
    static Map<String, Object> summary(dev.flotilla.web.view.DryRunRow row) {
        return row.run().asMap(row.status());
    }

    private static Map<String, Object> head(String id, String status, String user, List<String> versions, int total, long failed,
                                            String error, Long millis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("status", status);
        json.put("user", user);
        json.put("versions", versions);
        json.put("total", total);
        json.put("failed", failed);
        json.put("error", error);
        json.put("timeMs", millis);
        json.put("wallMs", millis);
        return json;
    }
}
