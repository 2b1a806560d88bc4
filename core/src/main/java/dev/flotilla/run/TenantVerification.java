package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import java.util.List;

/**
 * One tenant's verification in a fleet verify.
 *
 * @param code and {@code error}: why the checks could not run (unreachable, no schema); null when they ran
 */
public record TenantVerification(TenantId tenant, String target, List<CheckResult> results, ErrorCode code, String error) {
    public TenantVerification {
        results = List.copyOf(results);
    }

    public boolean ok() {
        return error == null && results.stream().allMatch(CheckResult::ok);
    }
}
