package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.tenant.TenantId;

/**
 * One tenant's backup taken on demand.
 *
 * @param backup what was written and recorded; null when the backup failed or there was nothing to back up
 * @param code and {@code error}: why it failed; null when it did not
 */
public record TenantBackup(TenantId tenant, BackupRecord backup, ErrorCode code, String error) {
    /** {@code succeeded} (backed up), {@code skipped} (its schema does not exist yet) or {@code failed}. */
    public String status() {
        return error != null ? "failed" : backup != null ? "succeeded" : "skipped";
    }

    public boolean ok() {
        return error == null;
    }
}
