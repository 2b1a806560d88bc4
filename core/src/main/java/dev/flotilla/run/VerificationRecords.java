package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps an on-demand fleet verify in the control plane, as {@code flotilla verify} and the console's Verify both do:
 * each checked tenant's results become its "last checks", and only checks set or clear its failed-verification state;
 * a tenant whose checks could not run keeps its earlier ones. A check that failed before and is skipped now (row-counts
 * and expected-objects run in a deployment only) was not examined again: its failure stands.
 */
public final class VerificationRecords {
    private static final int LOOK_BACK = 50;

    private VerificationRecords() {
    }

    public static void record(ControlPlane plane, List<TenantVerification> results) {
        record(plane, results, false);
    }

    /**
     * @param clearUnexamined whether the earlier failures of checks these skipped are cleared too (the user fixed what
     *     they found, and no verify can examine them: row-counts and expected-objects run in a deployment)
     */
    public static void record(ControlPlane plane, List<TenantVerification> results, boolean clearUnexamined) {
        for (TenantVerification result : results) {
            if (result.error() == null) {
                List<CheckResult> standing = clearUnexamined ? List.of() : standing(plane, result);
                plane.verifications().record(result.tenant(), null, "verify", result.results());
                plane.tenants().updateChecked(result.tenant(), failure(result, standing));
            }
        }
    }

    /**
     * The failures of a tenant in failed-verification that these checks skipped: the newest examination of each
     * (within the tenant's last {@value #LOOK_BACK} verifications) failed.
     */
    private static List<CheckResult> standing(ControlPlane plane, TenantVerification result) {
        Set<String> skipped = result.results().stream().filter(r -> r.status() == CheckStatus.SKIPPED).map(CheckResult::id)
                .collect(Collectors.toSet());
        boolean failedBefore = plane.tenants().find(result.tenant())
                .map(t -> "failed-verification".equals(t.status())).orElse(false);
        if (skipped.isEmpty() || !failedBefore) {
            return List.of();
        }
        return plane.verifications().lastExamined(result.tenant(), skipped, LOOK_BACK).values().stream()
                .filter(r -> r.status() == CheckStatus.FAILED).toList();
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

    /** The tenant's failed-verification error, or null when its checks passed and no earlier failure stands. */
    private static String failure(TenantVerification result, List<CheckResult> standing) {
        String shown = Stream.concat(result.results().stream().filter(r -> !r.ok()).map(CheckResult::toString),
                standing.stream().map(r -> r + " (earlier, and not examined by this verify, which skipped it: once"
                        + " what it found is fixed, run `flotilla verify --clear-unexamined`)")).collect(Collectors.joining(" | "));
        return shown.isEmpty() ? null : "Verification failed: " + (shown.length() <= 2000 ? shown : shown.substring(0, 1997) + "...")
                + ". Fix the data or schema and run `flotilla verify`.";
    }
}
