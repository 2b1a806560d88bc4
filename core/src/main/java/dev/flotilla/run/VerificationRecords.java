package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.VerificationStore.Examined;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps an on-demand fleet verify in the control plane, as {@code flotilla verify} and the console's Verify both do:
 * each checked tenant's results become its "last checks", and only checks set or clear its failed-verification state;
 * a tenant whose checks could not run keeps its earlier ones. A check that failed before and is skipped now (row-counts
 * and expected-objects run in a deployment only) was not examined again: its failure stands, and the verify reports it
 * failed (exit 1, audit outcome failed), until cleared with {@code clearUnexamined}.
 */
public final class VerificationRecords {
    private static final int LOOK_BACK = 50;

    private VerificationRecords() {
    }

    public static List<TenantVerification> record(ControlPlane plane, List<TenantVerification> results) {
        return record(plane, results, false);
    }

    /**
     * @param clearUnexamined whether the earlier failures of checks these skipped are cleared too (the user fixed what
     *     they found, and no verify can examine them: row-counts and expected-objects run in a deployment)
     * @return the results as the verify reports them: a check it skipped whose earlier failure stands is failed, saying
     *     so, where it failed and how to clear it (the control plane keeps what the checks found now)
     */
    public static List<TenantVerification> record(ControlPlane plane, List<TenantVerification> results, boolean clearUnexamined) {
        List<TenantVerification> reported = new ArrayList<>();
        for (TenantVerification result : results) {
            if (result.error() != null) {
                reported.add(result);
                continue;
            }
            Map<String, Examined> standing = clearUnexamined ? Map.of() : standing(plane, result);
            plane.verifications().record(result.tenant(), null, "verify", result.results());
            TenantVerification seen = new TenantVerification(result.tenant(), result.target(), result.results().stream()
                    .map(r -> standing.containsKey(r.id())
                            ? DeploymentOnlyChecks.standing(standing.get(r.id()), r, result.tenant().value(),
                                    DeploymentOnlyChecks.Backed.of(plane, standing.get(r.id()).deployment(), result.tenant()))
                            : r).toList(),
                    null, null);
            plane.tenants().updateChecked(result.tenant(), failure(seen, standing.keySet()));
            reported.add(seen);
        }
        return reported;
    }

    /**
     * The failures of a tenant in failed-verification that these checks skipped: the newest examination of each
     * (within the tenant's last {@value #LOOK_BACK} verifications) failed, by check.
     */
    private static Map<String, Examined> standing(ControlPlane plane, TenantVerification result) {
        Set<String> skipped = result.results().stream().filter(r -> r.status() == CheckStatus.SKIPPED).map(CheckResult::id)
                .collect(Collectors.toSet());
        boolean failedBefore = plane.tenants().find(result.tenant())
                .map(t -> "failed-verification".equals(t.status())).orElse(false);
        if (skipped.isEmpty() || !failedBefore) {
            return Map.of();
        }
        Map<String, Examined> failed = new HashMap<>();
        plane.verifications().lastExamined(result.tenant(), skipped, LOOK_BACK).forEach((check, examined) -> {
            if (examined.result().status() == CheckStatus.FAILED) {
                failed.put(check, examined);
            }
        });
        return failed;
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

    /**
     * The tenant's failed-verification error, or null when its checks passed and no earlier failure stands; the checks
     * whose earlier failure stands ({@code standing}) say themselves how to clear it.
     */
    private static String failure(TenantVerification seen, Set<String> standing) {
        List<CheckResult> failed = seen.results().stream().filter(r -> !r.ok()).toList();
        String shown = failed.stream().map(CheckResult::toString).collect(Collectors.joining(" | "));
        boolean examinedNow = failed.stream().anyMatch(r -> !standing.contains(r.id()));
        return shown.isEmpty() ? null : "Verification failed: " + (shown.length() <= 2000 ? shown : shown.substring(0, 1997) + "...")
                + (examinedNow ? ". Fix the data or schema and run `flotilla verify --tenants " + seen.tenant().value() + "`." : "");
    }
}
