package dev.flotilla.web.fleet;

import dev.flotilla.run.FleetOptions;

/**
 * What a deploy of the console or the API leaves out of the configured deploy options, as the command line's
 * {@code --skip-backup} (no backup of each tenant before its migrations: for a platform with snapshots of its own) and
 * {@code --no-maintenance} (no beforeTenant and afterTenant hooks) and {@code --skip-checks} (no checks after each
 * tenant's migrations) do; the deployment records them in its options ({@code backup=off}, {@code maintenance=off},
 * {@code skipChecks}). Immutable.
 *
 * @param backup      whether the backup deploy.backup asks for is skipped
 * @param maintenance whether the tenant hooks are left out
 * @param checks      whether the configured checks are left out
 */
public record DeploySkips(boolean backup, boolean maintenance, boolean checks) {
    /** The configured options as they are. */
    public static final DeploySkips NONE = new DeploySkips(false, false, false);

    /** Skipping the backup or the hooks, the checks run as configured. */
    public DeploySkips(boolean backup, boolean maintenance) {
        this(backup, maintenance, false);
    }

    /** {@code configured} without what these skip. */
    FleetOptions over(FleetOptions configured) {
        FleetOptions backedUp = backup ? configured.withBackup(null) : configured;
        FleetOptions hooked = maintenance ? backedUp.withHooks(configured.hooks().withoutMaintenance()) : backedUp;
        return checks ? hooked.withVerify(null) : hooked;
    }

    /**
     * Whether a backup the configuration takes is skipped: audited then as {@code deploy.backup-skipped}, as the command
     * line audits {@code --skip-backup} (with deploy.backup off there is nothing to skip, and nothing is audited).
     */
    boolean skipsConfiguredBackup(FleetOptions configured) {
        return backup && configured.backup() != null;
    }

    /** The {@code deploy.backup-skipped} entry's details, in the command line's words. */
    static String skippedBackup(int tenants) {
        return tenants + " tenant(s) selected to deploy without a backup (--skip-backup)";
    }

    /** For the deploy.requested entry: "; skip-backup; no-maintenance; skip-checks", or "" when nothing is skipped. */
    String note() {
        return (backup ? "; skip-backup" : "") + (maintenance ? "; no-maintenance" : "") + (checks ? "; skip-checks" : "");
    }
}
