package dev.flotilla.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says each result of a check schema-wide by nature (run once for the tenants sharing a schema) in full once per target,
 * naming the target, for the first of its tenants printed; the next tenants of that target point above. The one place
 * {@code verify}, a deployment's progress lines, its summary and its errors on stderr, a fleet dry run's errors, and the console's pages of
 * them say it. Results of two targets are never merged, even in the same words. Not thread-safe: one per printout.
 */
public final class SchemaWideFindings {
    /** How a deployment's task error starts when its checks failed, the failed results then joined by " | ". */
    private static final String CHECKS_FAILED = "Verification failed after the migrations were applied: ";

    /** What a schema-wide result said already for a target's tenant says instead, the target then named. */
    private static final String SAID_ABOVE = "the same schema-wide result as above, for the tenants of ";

    /** By target, the schema-wide results said already: check id and message. */
    private final Map<String, Set<String>> said = new HashMap<>();

    /**
     * What to print of {@code result}'s message for a tenant of {@code target}: as it is when it is not schema-wide (or
     * the target is unknown), in full naming the target the first time, "the same ... as above" after.
     */
    public String message(String target, CheckResult result) {
        return say(target, result.id(), result.message());
    }

    /**
     * A deployment task's error for a tenant of {@code target}, each schema-wide check result in it as {@link #message}
     * says it; any other error as it is.
     */
    public String taskError(String target, String error) {
        if (error == null || !error.startsWith(CHECKS_FAILED) || !error.contains(CheckResult.SCHEMA_WIDE)) {
            return error;
        }
        List<String> parts = new ArrayList<>();
        for (String part : error.substring(CHECKS_FAILED.length()).split(" \\| ", -1)) {
            int start = part.indexOf(": ") + 2;
            int end = part.indexOf(CheckResult.SCHEMA_WIDE) + CheckResult.SCHEMA_WIDE.length();
            if (start < 2 || end < CheckResult.SCHEMA_WIDE.length()) {
                parts.add(part);
            } else { // "fk-rules failed: <message>" and, after the last result, what to do next
                parts.add(part.substring(0, start) + say(target, part.substring(0, part.indexOf(' ')),
                        part.substring(start, end)) + part.substring(end));
            }
        }
        return CHECKS_FAILED + String.join(" | ", parts);
    }

    /**
     * A dry run's error for a tenant of {@code target} ({@code Check fk-rules failed on the dry run's result: <message>}),
     * the schema-wide result in it as {@link #message} says it; any other error as it is.
     */
    public String dryRunError(String target, String error) {
        int start = error == null ? -1 : error.indexOf(": ") + 2;
        if (start < 2 || !error.endsWith(CheckResult.SCHEMA_WIDE)) {
            return error;
        }
        return error.substring(0, start) + say(target, error.substring(0, start), error.substring(start));
    }

    private String say(String target, String check, String message) {
        if (target == null || !message.endsWith(CheckResult.SCHEMA_WIDE)) {
            return message;
        }
        if (said.computeIfAbsent(target, t -> new HashSet<>()).add(check + "\t" + message)) {
            return message.substring(0, message.length() - CheckResult.SCHEMA_WIDE.length())
                    + "(schema-wide: checked once for the tenants of " + target + ")";
        }
        return SAID_ABOVE + target;
    }

    /** Whether {@code shown}, as {@link #message} gave it, points above rather than saying the result. */
    public static boolean pointsAbove(String shown) {
        return shown.startsWith(SAID_ABOVE);
    }
}
