package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.backup.Backups;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Puts tenants back as a backup run holds them (the one taken before a deployment, or one taken on demand), in
 * parallel within the fleet's limits. Each restore is checked against the backup's SHA-256 and schema fingerprint,
 * written to the audit log, and leaves the tenant in state {@code restored} at the version its restored history has.
 */
public final class FleetRestore {
    private final ControlPlane plane;
    private final Backups backups;
    private final int concurrency;
    private final ServerLimits limits;
    private final String actor;

    /** @param lockTimeout how long a restore waits for a table another session holds; null: the server's setting */
    public FleetRestore(ControlPlane plane, Path backupDir, java.time.Duration lockTimeout, int concurrency, int perServer,
                        String actor) {
        this.plane = plane;
        this.backups = new Backups(plane, backupDir, lockTimeout);
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
        this.actor = actor;
    }

    /**
     * Why a restore is refused in shared-schema tenancy, where a backup holds every tenant's rows ({@code backupDir}:
     * where the backups are, to restore the shared database by hand).
     */
    public static FlotillaException notInSharedSchema(Path backupDir) {
        return new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "In shared-schema tenancy a backup holds every tenant's"
                + " rows, and restoring it would put all of them back; restoring one tenant's rows is not supported yet."
                + " Restore the shared database by hand from " + (backupDir == null ? "backup.dir" : backupDir)
                + " if that is what you want.");
    }

    /**
     * Why there is nothing to restore from {@code id} when it is a rollback that backed up no tenant at all (null
     * otherwise): the usual reasons of a missing backup (a new tenant, a failed hook, backup.keep) do not apply to it.
     */
    public static String rollbackWithoutBackup(ControlPlane plane, String id) {
        boolean rollback = plane.deployments().find(id).map(dev.flotilla.control.DeploymentRecord::rollback).orElse(false);
        if (!rollback || plane.backups().everTaken(id)) {
            return null;
        }
        return id + " is a rollback that backed up no tenant before its down files ran (deploy.backup was off, it was run"
                + " with `rollback --skip-backup`, audited as rollback.backup-skipped, or it was started from the console or"
                + " the API, which took no backup before this version), so nothing of what it dropped can be restored from it.";
    }

    /** Puts the tenants back as the backups taken before {@code deployment} hold them. */
    public List<TenantRestore> restore(String deployment, List<TenantTarget> tenants) {
        plane.deployments().require(deployment);
        return Parallel.map(tenants, concurrency, "restoring", t -> limits.within(t, () -> restoreOne(deployment, deployment, t)));
    }

    /**
     * Puts the tenants back as the backup run {@code backupId} holds them: one taken on demand ({@code manual-<time>})
     * or a deployment's (its id).
     */
    public List<TenantRestore> restoreBackup(String backupId, List<TenantTarget> tenants) {
        if (!plane.backups().exists(backupId)) {
            String rollback = rollbackWithoutBackup(plane, backupId);
            throw new FlotillaException(ErrorCode.BAD_USAGE, rollback != null ? rollback + " See `flotilla backups list`."
                    : "No backup " + backupId + " in the control plane (or backup.keep has deleted its files); see `flotilla backups list`.");
        }
        String deployment = plane.deployments().find(backupId).isPresent() ? backupId : null;
        return Parallel.map(tenants, concurrency, "restoring", t -> limits.within(t, () -> restoreOne(backupId, deployment, t)));
    }

    private TenantRestore restoreOne(String backupId, String deployment, TenantTarget tenant) {
        Optional<BackupRecord> backup = plane.backups().find(backupId, tenant.tenant().id());
        String rollback = backup.isEmpty() && deployment != null ? rollbackWithoutBackup(plane, deployment) : null;
        if (rollback != null) {
            return new TenantRestore(tenant.tenant().id(), null, ErrorCode.RESTORE_FAILED, "No backup of " + tenant.tenant().id()
                    + " was taken for " + deployment + ": " + rollback + " `flotilla backups list --tenant " + tenant.tenant().id()
                    + "` lists its earlier backups.");
        }
        if (backup.isEmpty()) {
            return new TenantRestore(tenant.tenant().id(), null, ErrorCode.RESTORE_FAILED, "No backup of " + tenant.tenant().id()
                    + (deployment != null ? " was taken for deployment " + deployment + " (a new tenant, deploy.backup off, its"
                    + " task failed before the backup, e.g. in a beforeTenant hook, or deleted by backup.keep)." : " is in backup " + backupId + " (not selected when it was taken, or"
                    + " deleted by backup.keep); see `flotilla backups list --tenant " + tenant.tenant().id() + "`."));
        }
        String path = backup.get().path().toString();
        try {
            String version = backups.restore(backup.get(), tenant.target());
            plane.tenants().updateState(tenant.tenant().id(), "restored", version, null, deployment, null);
            plane.audit().record(actor, "restore", tenant.tenant().id().value(), deployment, "from " + path, "ok", null);
            return new TenantRestore(tenant.tenant().id(), path, null, null);
        } catch (FlotillaException e) {
            plane.audit().record(actor, "restore.failed", tenant.tenant().id().value(), deployment, e.getMessage(), "failed", null);
            return new TenantRestore(tenant.tenant().id(), path, e.code(), e.getMessage());
        }
    }
}
