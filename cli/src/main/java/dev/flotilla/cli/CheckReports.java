package dev.flotilla.cli;

import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.SchemaWideFindings;
import java.util.List;

/** Renders check results: a line per check that did not pass, a count per tenant, JSON entries. */
final class CheckReports {
    private CheckReports() {
    }

    static void print(Output output, String indent, List<CheckResult> results) {
        print(output, indent, results, new SchemaWideFindings(), null);
    }

    /**
     * As {@link #print(Output, String, List)} for a tenant of {@code target}, a result of a check schema-wide by nature (a
     * shared schema's) as {@code findings} says it: in full for the target's first tenant, pointing above for the next.
     */
    static void print(Output output, String indent, List<CheckResult> results, SchemaWideFindings findings, String target) {
        for (CheckResult result : results) {
            String status = switch (result.status()) {
                case PASSED -> output.green("passed");
                case SKIPPED -> "skipped";
                case FAILED -> output.red("FAILED");
            };
            String shown = findings.message(target, result);
            output.line(indent + status + " " + result.id() + ": " + shown
                    + (SchemaWideFindings.pointsAbove(shown) ? "" : " (" + result.millis() + " ms)"));
        }
    }

    /** "7 check(s): 5 passed, 1 failed, 1 skipped". */
    static String count(List<CheckResult> results) {
        return results.size() + " check(s): " + results.stream().filter(r -> r.status() == CheckStatus.PASSED).count()
                + " passed, " + results.stream().filter(r -> r.status() == CheckStatus.FAILED).count() + " failed, "
                + results.stream().filter(r -> r.status() == CheckStatus.SKIPPED).count() + " skipped";
    }

}
