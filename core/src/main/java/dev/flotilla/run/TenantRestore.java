package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;

/**
 * One tenant's restore.
 *
 * @param backup the file restored from, or null when there was none
 * @param code and {@code error}: why it failed; null when it succeeded
 */
public record TenantRestore(TenantId tenant, String backup, ErrorCode code, String error) {
    public boolean ok() {
        return error == null;
    }
}
