package dev.flotilla.cli;

import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.util.List;

/** Renders check results: a line per check that did not pass, a count per tenant, JSON entries. */
final class CheckReports {
    private CheckReports() {
    }

    static void print(Output output, String indent, List<CheckResult> results) {
        print(output, indent, results, new java.util.HashSet<>());
    }

    /**
     * As {@link #print(Output, String, List)}, a result of a check schema-wide by nature (a shared schema's) in full the
     * first time only: the tenants after the first sharing the schema name it and point above.
     *
     * @param said the schema-wide results printed already, added to
     */
    static void print(Output output, String indent, List<CheckResult> results, java.util.Set<String> said) {
        for (CheckResult result : results) {
            if (result.message().endsWith(CheckResult.SCHEMA_WIDE) && !said.add(result.id() + "\t" + result.message())) {
                output.line(indent + (result.ok() ? "passed " : output.red("FAILED") + " ") + result.id()
                        + ": the same schema-wide result as above");
                continue;
            }
            String status = switch (result.status()) {
                case PASSED -> output.green("passed");
                case SKIPPED -> "skipped";
                case FAILED -> output.red("FAILED");
            };
            output.line(indent + status + " " + result.id() + ": " + result.message() + " (" + result.millis() + " ms)");
        }
    }

    /** "7 check(s): 5 passed, 1 failed, 1 skipped". */
    static String count(List<CheckResult> results) {
        return results.size() + " check(s): " + results.stream().filter(r -> r.status() == CheckStatus.PASSED).count()
                + " passed, " + results.stream().filter(r -> r.status() == CheckStatus.FAILED).count() + " failed, "
                + results.stream().filter(r -> r.status() == CheckStatus.SKIPPED).count() + " skipped";
    }

}
