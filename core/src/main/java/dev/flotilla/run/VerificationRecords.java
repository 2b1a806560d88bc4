package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.verify.CheckResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps an on-demand fleet verify in the control plane, as {@code flotilla verify} and the console's Verify both do:
 * each checked tenant's results become its "last checks", and only checks set or clear its failed-verification state;
 * a tenant whose checks could not run keeps its earlier ones.
 */
public final class VerificationRecords {
    private VerificationRecords() {
    }

    public static void record(ControlPlane plane, List<TenantVerification> results) {
        for (TenantVerification result : results) {
            if (result.error() == null) {
                plane.verifications().record(result.tenant(), null, "verify", result.results());
                plane.tenants().updateChecked(result.tenant(), failure(result));
            }
        }
    }

    /** The audit log's line for a verify: how many tenants, how many failed, and which (the first 20). */
    public static String summary(List<TenantVerification> results) {
        long failed = results.stream().filter(r -> !r.ok()).count();
        return results.size() + " tenant(s), " + failed + " failed" + (failed == 0 ? "" : ": " + results.stream()
                .filter(r -> !r.ok()).map(r -> r.tenant().value()).limit(20).collect(Collectors.joining(", ")));
    }

    /** The audit entry's outcome for a verify. */
    public static String outcome(List<TenantVerification> results) {
        return results.stream().allMatch(TenantVerification::ok) ? "ok" : "failed";
    }

    /** The tenant's failed-verification error, or null when its checks passed. */
    private static String failure(TenantVerification result) {
        String shown = result.results().stream().filter(r -> !r.ok()).map(CheckResult::toString)
                .collect(Collectors.joining(" | "));
        return shown.isEmpty() ? null : "Verification failed: " + (shown.length() <= 2000 ? shown : shown.substring(0, 1997) + "...")
                + ". Fix the data or schema and run `flotilla verify`.";
    }
}
