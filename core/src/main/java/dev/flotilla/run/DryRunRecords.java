package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.tenant.TenantId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a fleet dry run's outcome in the control plane, the command line's as the console's: each tenant's diff (for a
 * deploy's expected-objects check), its first error and that error's code (for the tenant's page), the checks, and the
 * baseline its history records (for lint, as a deploy learns it).
 */
public final class DryRunRecords {
    private DryRunRecords() {
    }

    /**
     * Through the plane's writer, which commits the tenants' records together rather than one or two commits each. A
     * tenant's baseline is written only where it differs from what the plane kept: {@code kept}, the tenants as the command
     * read them before the dry run (no other read); a tenant not among them (removed since) is left alone.
     */
    public static void record(ControlPlane plane, List<TenantDryRun> results, LoadedMigrations migrations,
                              List<TenantRecord> kept) {
        Map<TenantId, String> baselines = new HashMap<>();
        kept.forEach(r -> baselines.put(r.tenant().id(), r.baselineVersion()));
        try (WriteBehind records = plane.writeBehind()) {
            for (TenantDryRun result : results) {
                if (result.report() != null && result.report().mode() != null) {
                    records.add("recording the dry run of " + result.tenant(), () -> record(plane, result, migrations));
                }
                String baseline = result.report() == null ? null : result.report().baseline();
                if (baseline != null && baselines.containsKey(result.tenant())
                        && !baseline.equals(baselines.get(result.tenant()))) {
                    records.add("recording the baseline of " + result.tenant(),
                            () -> plane.tenants().updateBaseline(result.tenant(), baseline));
                }
            }
        }
    }

    /**
     * The dry run's start in the audit log ({@code dry-run.started}, outcome {@code ok}), written before any tenant runs,
     * as a deploy's {@code deploy.started} is: a run killed later (kill -9), which never writes its end, still shows who
     * started it and on which tenants. The tenant is named when it is the only one.
     *
     * @param details what else was asked for (selection flags, mode...), after the tenants
     * @param source the client's address through the console, null from the command line
     */
    public static void auditStarted(ControlPlane plane, String actor, List<dev.flotilla.tenant.TenantId> tenants,
                                    String details, String source) {
        plane.audit().record(actor, "dry-run.started", tenants.size() == 1 ? tenants.get(0).value() : null, null,
                dev.flotilla.tenant.TenantSelection.describe(tenants) + details, "ok", source);
    }

    /**
     * The dry run's entry in the audit log, as a deployment's outcome is recorded: how many tenants ended how, the
     * tenant when it was the only one, outcome {@code ok} or {@code failed} (a tenant whose dry run ended in an error).
     *
     * @param source the client's address through the console, null from the command line
     */
    public static void audit(ControlPlane plane, String actor, String action, List<TenantDryRun> results, long millis,
                             String source) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>(results.stream()
                .collect(java.util.stream.Collectors.groupingBy(TenantDryRun::status, java.util.stream.Collectors.counting())));
        long errors = counts.getOrDefault("error", 0L);
        plane.audit().record(actor, action, results.size() == 1 ? results.get(0).tenant().value() : null, null,
                results.size() + " tenant(s): " + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", ")) + " in " + millis + " ms",
                errors == 0 ? "ok" : "failed", source);
    }

    /**
     * Ends, as interrupted, each fleet dry run recorded as running whose process is gone (killed before it recorded its
     * end: {@link dev.flotilla.control.DryRunStore#endInterrupted}), each audited as its starter's {@code dry-run.finished},
     * outcome {@code interrupted}: what a starting console and the command line's {@code dry-run} and {@code deploy} look
     * for, so that such a run shows as interrupted, and its tenants as not tested, without waiting for a console to start.
     */
    public static List<dev.flotilla.control.DryRunStore.Interrupted> endInterrupted(ControlPlane plane) {
        List<dev.flotilla.control.DryRunStore.Interrupted> ended = plane.dryRuns().endInterrupted();
        for (dev.flotilla.control.DryRunStore.Interrupted run : ended) {
            plane.audit().record(run.user(), "dry-run.finished", null, null, "dry run " + run.id() + ": " + run.error(),
                    "interrupted", null);
        }
        return ended;
    }

    /** Each tenant's outcome, for {@link dev.flotilla.control.DryRunStore#finished}: its status, first error and its code, time, why a warning. */
    public static java.util.Map<dev.flotilla.tenant.TenantId, FleetDryRunRecord.Outcome> outcomes(List<TenantDryRun> results) {
        java.util.Map<dev.flotilla.tenant.TenantId, FleetDryRunRecord.Outcome> outcomes = new java.util.LinkedHashMap<>();
        results.forEach(r -> outcomes.put(r.tenant(), new FleetDryRunRecord.Outcome(r.status(), r.firstError(), codeOf(r),
                r.millis(), r.warning())));
        return outcomes;
    }

    private static String codeOf(TenantDryRun result) {
        return result.errorCode() == null ? null : result.errorCode().name();
    }

    private static void record(ControlPlane plane, TenantDryRun result, LoadedMigrations migrations) {
        List<String> versions = result.report().run().migrations().stream()
                .map(m -> m.version() != null ? m.version() : m.script()).toList();
        plane.dryRuns().record(result.tenant(), versions, DryRunStore.checksums(versions, migrations), result.status(),
                result.report().diff(), result.firstError(), result.errorCode(), result.warning());
        if (!result.report().checks().isEmpty()) {
            plane.verifications().record(result.tenant(), null, "dry-run", result.report().checks());
        }
    }
}
