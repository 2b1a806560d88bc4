package dev.flotilla.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check's outcome on one target.
 *
 * @param message what was checked and, on failure, what is wrong: table, column and count
 * @param problems one line per thing found wrong, empty when it passed
 */
public record CheckResult(String id, CheckStatus status, String message, List<String> problems, long millis) {
    /** What a result of a check schema-wide by nature says in a shared schema. */
    public static final String SCHEMA_WIDE = "(schema-wide: checked once for every tenant sharing the schema)";

    public CheckResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return status != CheckStatus.FAILED;
    }

    /** The same result, {@code scrub} applied to its message and problems (rows' values may be quoted). */
    public CheckResult masked(java.util.function.UnaryOperator<String> scrub) {
        return new CheckResult(id, status, scrub.apply(message), problems.stream().map(scrub).toList(), millis);
    }

    static CheckResult passed(String id, String message) {
        return new CheckResult(id, CheckStatus.PASSED, message, List.of(), 0);
    }

    static CheckResult skipped(String id, String why) {
        return new CheckResult(id, CheckStatus.SKIPPED, why, List.of(), 0);
    }

    /** Passed when {@code problems} is empty, failed naming the first few otherwise. */
    static CheckResult of(String id, String checked, List<String> problems) {
        if (problems.isEmpty()) {
            return passed(id, checked);
        }
        String shown = String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "");
        return new CheckResult(id, CheckStatus.FAILED, problems.size() + " problem(s): " + shown, problems, 0);
    }

    /**
     * The result of a check schema-wide by nature, run once for the tenants sharing a schema, saying so: a failure is
     * the schema's, not one tenant's rows. A skipped result is left as it is.
     */
    CheckResult schemaWide() {
        return status == CheckStatus.SKIPPED ? this : new CheckResult(id, status, message + " " + SCHEMA_WIDE, problems, millis);
    }

    /** The same result, its message followed by {@code notice} (a sentence): what passed but is worth knowing. */
    CheckResult noting(String notice) {
        return new CheckResult(id, status, message + ". " + notice, problems, millis);
    }

    CheckResult timed(long millis) {
        return new CheckResult(id, status, message, problems, millis);
    }

    @Override
    public String toString() {
        return id + " " + status.word() + ": " + message;
    }

    /** As {@code --json} shows a check, in the command line's and the API's words alike. */
    public Map<String, Object> asMap() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("ok", ok());
        entry.put("status", status.word());
        entry.put("message", message);
        entry.put("problems", problems);
        entry.put("timeMs", millis);
        return entry;
    }
}
