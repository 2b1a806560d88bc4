package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.function.IntSupplier;

/**
 * A fleet command that changes targets or the fleet (rollback, restore, repair, baseline, adopt, tenants remove, drift
 * --accept) has its refusal in the audit log, as the console has a refused attempt: who, the action, why (the message as
 * the terminal shows it, secrets scrubbed), outcome {@code denied} for a refusal or bad input, {@code failed} for a
 * failure before the work began. Only once the control plane was opened to write: a refusal before that (a bad flag, a
 * bad configuration, a control plane that cannot be opened) has nowhere, or no reason, to be recorded. A refused
 * {@code --resume} (or {@code --retry-failed}) names the deployment it continues, as that deployment's other entries do.
 */
final class AuditedRefusals {
    private AuditedRefusals() {
    }

    /**
     * Runs {@code work}; a {@link FlotillaException} it throws is audited as {@code action} (none when null) of
     * {@code deployment} (null: none), then thrown.
     */
    static int run(FleetContext context, Output output, String action, String deployment, IntSupplier work) {
        try {
            return work.getAsInt();
        } catch (FlotillaException e) {
            if (action != null) {
                context.planeOpenToWrite().ifPresent(plane -> {
                    try {
                        plane.audit().record(context.actor(), action, null, deployment, e.code() + ": " + output.scrub(e.getMessage()),
                                refusal(e.code()) ? "denied" : "failed", null);
                    } catch (RuntimeException unrecorded) {
                        e.addSuppressed(unrecorded); // the control plane may be what failed: the refusal is said as it is
                    }
                });
            }
            throw e;
        }
    }

    private static boolean refusal(ErrorCode code) {
        return code.category() == ErrorCode.Category.INPUT || code.name().endsWith("_REFUSED") || code == ErrorCode.NO_DOWN_FILE;
    }
}
