package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.WriteBehind;
import java.util.List;

/** Keeps a fleet dry run's outcome in the control plane: the diffs (for a deploy's expected-objects check) and the checks. */
public final class DryRunRecords {
    private DryRunRecords() {
    }

    /** Through the plane's writer, which commits the tenants' records together rather than one or two commits each. */
    public static void record(ControlPlane plane, List<TenantDryRun> results) {
        try (WriteBehind records = plane.writeBehind()) {
            for (TenantDryRun result : results) {
                if (result.report() != null && result.report().mode() != null) {
                    records.add("recording the dry run of " + result.tenant(), () -> record(plane, result));
                }
            }
        }
    }

    private static void record(ControlPlane plane, TenantDryRun result) {
        List<String> versions = result.report().run().migrations().stream()
                .map(m -> m.version() != null ? m.version() : m.script()).toList();
        plane.dryRuns().record(result.tenant(), versions, result.status(), result.report().diff());
        if (!result.report().checks().isEmpty()) {
            plane.verifications().record(result.tenant(), null, "dry-run", result.report().checks());
        }
    }
}
