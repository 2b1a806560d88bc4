package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tenant's verification in a fleet verify.
 *
 * @param code and {@code error}: why the checks could not run (unreachable, no schema); null when they ran
 */
public record TenantVerification(TenantId tenant, String target, List<CheckResult> results, ErrorCode code, String error) {
    public TenantVerification {
        results = List.copyOf(results);
    }

    /**
     * This verification with {@code scrub} applied to its checks' messages and its error: a check quoting a row may quote a
     * secret placeholder's value (a console's results, kept in memory, pass no control plane).
     */
    public TenantVerification masked(java.util.function.UnaryOperator<String> scrub) {
        return new TenantVerification(tenant, target, results.stream().map(r -> r.masked(scrub)).toList(), code,
                error == null ? null : scrub.apply(error));
    }

    public boolean ok() {
        return error == null && results.stream().allMatch(CheckResult::ok);
    }

    /**
     * The outcome as said to people: passed or failed when the checks ran; when they could not, as plan, status --fleet
     * --live and drift say it: "locked" for a tenant another session holds (LOCK_TIMEOUT), "unreachable" for one whose
     * server could not be reached (CONNECTION_FAILED), "refused" for one whose server refused its login; "error" otherwise.
     */
    public String statusWord() {
        if (error == null) {
            return ok() ? "passed" : "failed";
        }
        return dev.flotilla.plan.Unread.word(code, code == ErrorCode.CONNECTION_FAILED ? "unreachable" : "error");
    }

    /** The tenant's entry in {@code verify --json} and the API's verify: {@code status} added beside {@code ok}. */
    public Map<String, Object> asMap() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", tenant.value());
        entry.put("target", target);
        entry.put("ok", ok());
        entry.put("status", statusWord());
        entry.put("checks", results.stream().map(CheckResult::asMap).toList());
        entry.put("error", error);
        return entry;
    }
}
