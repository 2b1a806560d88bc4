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

    /** How a deployment's task error starts when its checks failed, the failed results then joined by " | ". */
    private static final String CHECKS_FAILED = "Verification failed after the migrations were applied: ";

    /**
     * A deployment's task error with each schema-wide check result that {@code said} has already (a tenant before it
     * sharing the schema) replaced by "fk-rules failed: the same schema-wide result as above"; the others added to it.
     */
    static String schemaWideOnce(String error, java.util.Set<String> said) {
        if (error == null || !error.startsWith(CHECKS_FAILED) || !error.contains(CheckResult.SCHEMA_WIDE)) {
            return error;
        }
        List<String> parts = new java.util.ArrayList<>();
        for (String part : error.substring(CHECKS_FAILED.length()).split(" \\| ", -1)) {
            int end = part.indexOf(CheckResult.SCHEMA_WIDE) + CheckResult.SCHEMA_WIDE.length();
            if (end < CheckResult.SCHEMA_WIDE.length() || said.add(part.substring(0, end))) {
                parts.add(part);
            } else {
                parts.add(part.substring(0, part.indexOf(' ')) + " failed: the same schema-wide result as above"
                        + part.substring(end));
            }
        }
        return CHECKS_FAILED + String.join(" | ", parts);
    }

    /** "7 check(s): 5 passed, 1 failed, 1 skipped". */
    static String count(List<CheckResult> results) {
        return results.size() + " check(s): " + results.stream().filter(r -> r.status() == CheckStatus.PASSED).count()
                + " passed, " + results.stream().filter(r -> r.status() == CheckStatus.FAILED).count() + " failed, "
                + results.stream().filter(r -> r.status() == CheckStatus.SKIPPED).count() + " skipped";
    }

}
