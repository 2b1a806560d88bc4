package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import java.util.List;

/** Keeps a fleet dry run's outcome in the control plane: the diffs (for a deploy's expected-objects check) and the checks. */
public final class DryRunRecords {
    private DryRunRecords() {
    }

    public static void record(ControlPlane plane, List<TenantDryRun> results) {
        for (TenantDryRun result : results) {
            if (result.report() != null && result.report().mode() != null) {
                List<String> versions = result.report().run().migrations().stream()
                        .map(m -> m.version() != null ? m.version() : m.script()).toList();
                plane.dryRuns().record(result.tenant(), versions, result.status(), result.report().diff());
                if (!result.report().checks().isEmpty()) {
                    plane.verifications().record(result.tenant(), null, "dry-run", result.report().checks());
                }
            }
        }
    }
}
