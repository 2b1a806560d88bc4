package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.scratch.ScratchClone;

/** How a tenant's dry run, as the control plane keeps it, tells that nothing was tried on it (its copy was not made). */
final class DryRunErrors {
    private DryRunErrors() {
    }

    /**
     * Whether a tenant's dry run that ended {@code status} with {@code error} and {@code code} tried nothing: its scratch
     * copy could not be made (CLONE_FAILED). Read by its code; a row recorded before the plane kept codes (V23) has none,
     * and is read by its error's opening words, as then: every CLONE_FAILED began with {@link ScratchClone#COPYING} (so did
     * a lock timeout while copying on PostgreSQL, which such a row cannot tell apart).
     */
    static boolean untested(String status, String error, String code) {
        if (!"error".equals(status)) {
            return false;
        }
        if (code != null) {
            return code.equals(ErrorCode.CLONE_FAILED.name());
        }
        return error != null && error.startsWith(ScratchClone.COPYING + " ");
    }
}
