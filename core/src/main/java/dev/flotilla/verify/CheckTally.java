package dev.flotilla.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the checks that ran on a tenant ended, counted: what a deploy's line for the tenant says of them ("7 checks
 * passed", "1 of 7 checks failed: fk-orphans"), where otherwise only the deployment's log would.
 *
 * @param total the results, of the target's checks and, in a shared schema, of the tenant's own rows
 * @param failedIds the ids of the checks that failed, each once, in the order they ran
 */
public record CheckTally(int total, int passed, int failed, int skipped, List<String> failedIds) {
    public CheckTally {
        failedIds = List.copyOf(failedIds);
    }

    public static CheckTally of(List<CheckResult> results) {
        return new CheckTally(results.size(), count(results, CheckStatus.PASSED), count(results, CheckStatus.FAILED),
                count(results, CheckStatus.SKIPPED), results.stream().filter(r -> !r.ok()).map(CheckResult::id).distinct().toList());
    }

    private static int count(List<CheckResult> results, CheckStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    /** "7 checks passed", "5 checks passed, 2 skipped", "1 of 7 checks failed: fk-orphans", "2 checks skipped". */
    public String text() {
        if (failed > 0) {
            return failed + " of " + checks(total) + " failed: " + String.join(", ", failedIds);
        }
        if (passed == 0) {
            return checks(skipped) + " skipped";
        }
        return checks(passed) + " passed" + (skipped == 0 ? "" : ", " + skipped + " skipped");
    }

    private static String checks(int count) {
        return count + (count == 1 ? " check" : " checks");
    }

    /** As {@code --json} shows it: {@code total}, {@code passed}, {@code failed}, {@code skipped}, {@code failedIds}. */
    public Map<String, Object> asMap() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("total", total);
        entry.put("passed", passed);
        entry.put("failed", failed);
        entry.put("skipped", skipped);
        entry.put("failedIds", failedIds);
        return entry;
    }
}
