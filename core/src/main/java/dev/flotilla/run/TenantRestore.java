package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;

/**
 * One tenant's restore.
 *
 * @param backup the file restored from, or null when there was none
 * @param code and {@code error}: why it failed; null when it succeeded
 * @param waited how long the restore waited for the target lock and for whom (a deployment migrating the tenant), when
 *     long enough to notice; null otherwise
 */
public record TenantRestore(TenantId tenant, String backup, ErrorCode code, String error, String waited) {
    public TenantRestore(TenantId tenant, String backup, ErrorCode code, String error) {
        this(tenant, backup, code, error, null);
    }

    public boolean ok() {
        return error == null;
    }

    /** This restore with {@code scrub} applied to its error and its wait's words (a console's results, kept in memory). */
    public TenantRestore masked(java.util.function.UnaryOperator<String> scrub) {
        return new TenantRestore(tenant, backup, code, error == null ? null : scrub.apply(error),
                waited == null ? null : scrub.apply(waited));
    }
}
