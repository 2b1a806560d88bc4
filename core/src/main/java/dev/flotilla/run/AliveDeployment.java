package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentRecord;

/**
 * A deployment whose process is alive, marking it so in the control plane with its heartbeat: nothing else may resume
 * it, roll it back or restore its tenants from the backups taken before it meanwhile.
 */
final class AliveDeployment {
    private AliveDeployment() {
    }

    /**
     * Refuses to act on a deployment whose process is alive: busy, not wrong, so the same command works once that
     * process ends (LOCK_TIMEOUT, exit 1, as a held target). {@code then} says what can be done then ("resumed").
     */
    static FlotillaException refusal(DeploymentRecord record, String then) {
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Deployment " + record.id() + " is still running: its process "
                + record.runner() + " marked it alive " + seconds(record.lastSeen()) + " ago. Wait for it to finish, or stop"
                + " that process; once it has not been seen for " + seconds(record.staleAfter()) + " the deployment"
                + " counts as interrupted and can be " + then + ".");
    }

    /**
     * Refuses a restore from the backups taken before a deployment whose process is alive (BAD_USAGE, exit 2, as the
     * console's refusal was): the restore would race it on the tenants it is migrating. One recorded running whose
     * process is gone reads as interrupted ({@link dev.flotilla.control.DeploymentStatus#INTERRUPTED}), and is restored.
     */
    static FlotillaException restoreRefusal(DeploymentRecord record) {
        return new FlotillaException(ErrorCode.BAD_USAGE, "Deployment " + record.id() + " is still running (its process "
                + record.runner() + " marked it alive " + seconds(record.lastSeen()) + " ago): restoring its tenants now"
                + " would race it. Stop it (`flotilla deployments stop " + record.id() + "`, or “Stop” on its page) or let"
                + " it end, then restore; once its process has not been seen for " + seconds(record.staleAfter())
                + " it counts as interrupted and can be restored. Nothing was restored.");
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
