package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.backup.Backups;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts tenants back as a backup run holds them (the one taken before a deployment, or one taken on demand), in
 * parallel within the fleet's limits. Each restore is checked against the backup's SHA-256 and schema fingerprint,
 * written to the audit log, and leaves the tenant in state {@code restored} at the version and baseline its restored
 * history has.
 * Tenants sharing a target (shared-schema) are restored together, once; see {@link #requireWholeTargets}.
 */
public final class FleetRestore {
    private final ControlPlane plane;
    private final Backups backups;
    private final int concurrency;
    private final ServerLimits limits;
    private final String actor;

    /**
     * @param lockTimeout how long a restore waits for a table another session holds; null: deploy.lockTimeout's default
     *     (5 s), as {@link Backups}, never the server's own setting
     */
    public FleetRestore(ControlPlane plane, Path backupDir, java.time.Duration lockTimeout, int concurrency, int perServer,
                        String actor) {
        this(plane, backupDir, lockTimeout, null, concurrency, perServer, actor);
    }

    /** As above; {@code lockWait}: how long a restore waits for the target lock a deployment holds (null: 30 s). */
    public FleetRestore(ControlPlane plane, Path backupDir, java.time.Duration lockTimeout, java.time.Duration lockWait,
                        int concurrency, int perServer, String actor) {
        this.plane = plane;
        this.backups = new Backups(plane, backupDir, lockTimeout, lockWait);
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
        this.actor = actor;
    }

    /**
     * Refuses, before anything runs, a restore of only some of the tenants sharing a target (shared-schema): its backup
     * holds every tenant's rows, and restoring one tenant's rows alone is not supported yet. A restore of every tenant
     * sharing it puts the target back once, as any other.
     */
    public static void requireWholeTargets(List<TenantTarget> selected, List<TenantTarget> registered) {
        SharedTargets.requireWhole(selected, registered, ErrorCode.NOT_SUPPORTED_YET, "restore", "a backup of it holds the"
                + " rows of every one of them and would put them all back, and restoring only some tenants' rows is not"
                + " supported yet", "Everything changed on all of them since the backup is then lost. Nothing was restored.");
    }

    /**
     * What a restore of {@code tenants} from {@code source} ("the backups taken before d-1", "backup manual-...") replaces,
     * as its confirmation asks it: {@code 2 tenant(s) with the backups taken before d-1; everything changed since is lost},
     * naming the tenants restored together because they share one target (shared-schema).
     */
    public static String replacing(List<TenantTarget> tenants, String source) {
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        tenants.forEach(t -> byTarget.computeIfAbsent(t.target().displayName(), k -> new ArrayList<>()).add(t.tenant().id().value()));
        String sharing = byTarget.entrySet().stream().filter(e -> e.getValue().size() > 1).map(e -> " (" + String.join(", ",
                e.getValue().stream().limit(20).toList()) + (e.getValue().size() > 20 ? " and " + (e.getValue().size() - 20) + " more" : "")
                + " share " + e.getKey() + ": restored once, all of them)").collect(java.util.stream.Collectors.joining());
        return tenants.size() + " tenant(s) with " + source + sharing + "; everything changed since is lost";
    }

    /**
     * Why there is nothing to restore from {@code id} when it is a rollback that backed up no tenant at all (null
     * otherwise): the usual reasons of a missing backup (a new tenant, a failed hook, backup.keep) do not apply to it.
     * The reason is the one the rollback recorded (its audited {@code --skip-backup}, its options' backup=off); one
     * that recorded neither was run by an older Flotilla, and both reasons of those are named, in words that fit
     * whichever tool reads them.
     */
    public static String rollbackWithoutBackup(ControlPlane plane, String id) {
        var rollback = plane.deployments().find(id).filter(dev.flotilla.control.DeploymentRecord::rollback).orElse(null);
        if (rollback == null || plane.backups().everTaken(id)) {
            return null;
        }
        var skipped = plane.audit().ofDeployment(id, List.of("rollback.backup-skipped")).stream().findFirst();
        String why = skipped.isPresent() ? "it was skipped with --skip-backup by " + skipped.get().actor()
                + " (audited as rollback.backup-skipped)"
                : RecordedOptions.backupsOff(rollback.options()) ? "backups were off when it ran (deploy.backup: false)"
                : "it was run by an older Flotilla: with deploy.backup off, which that build did not record, or from its"
                + " console or REST API, which took no backup before a rollback";
        return id + " is a rollback that backed up no tenant before its down files ran (" + why
                + "), so nothing of what it dropped can be restored from it.";
    }

    /**
     * Refuses (BAD_USAGE) a restore from the backups taken before {@code deployment} while it is still running: its
     * process alive, marking it so with its heartbeat. One recorded running whose process is gone (killed) is interrupted,
     * and may be restored. Every restore of a deployment's backups checks this ({@link #restore}, {@link #restoreBackup});
     * a caller that asks for confirmation first calls it before asking.
     */
    public static void requireNotRunning(ControlPlane plane, String deployment) {
        plane.deployments().find(deployment).filter(d -> d.status() == dev.flotilla.control.DeploymentStatus.RUNNING)
                .ifPresent(running -> {
                    throw AliveDeployment.restoreRefusal(running);
                });
    }

    /** Puts the tenants back as the backups taken before {@code deployment} hold them; refused while it runs. */
    public List<TenantRestore> restore(String deployment, List<TenantTarget> tenants) {
        plane.deployments().require(deployment);
        requireNotRunning(plane, deployment);
        return byTarget(tenants, group -> restoreTarget(deployment, deployment, group));
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
        requireNotRunning(plane, backupId);
        return byTarget(tenants, group -> restoreTarget(backupId, deployment, group));
    }

    /** Runs {@code restore} once per target of {@code tenants} (tenants sharing one are restored together), in their order. */
    private List<TenantRestore> byTarget(List<TenantTarget> tenants,
                                         java.util.function.Function<List<TenantTarget>, List<TenantRestore>> restore) {
        Map<String, List<TenantTarget>> groups = new LinkedHashMap<>();
        tenants.forEach(t -> groups.computeIfAbsent(t.targetKey(), k -> new ArrayList<>()).add(t));
        Map<TenantId, TenantRestore> done = new LinkedHashMap<>();
        Parallel.map(new ArrayList<>(groups.values()), concurrency, "restoring", group -> limits.within(group.get(0),
                () -> restore.apply(group))).forEach(results -> results.forEach(r -> done.put(r.tenant(), r)));
        return tenants.stream().map(t -> done.get(t.tenant().id())).toList();
    }

    /**
     * Restores the target {@code group} shares from the backup of its first tenant, once, when every one of them has a
     * backup in that run: one without (registered since) would lose its rows to a backup that never held them.
     */
    private List<TenantRestore> restoreTarget(String backupId, String deployment, List<TenantTarget> group) {
        if (group.size() == 1) {
            return List.of(restoreOne(backupId, deployment, group.get(0)).result());
        }
        List<TenantId> missing = group.stream().map(t -> t.tenant().id()).filter(id -> plane.backups().find(backupId, id).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            String error = "Backup " + backupId + " holds no rows of " + missing.stream().map(TenantId::value)
                    .collect(java.util.stream.Collectors.joining(", ")) + " (registered since, or deleted by backup.keep), and"
                    + " restoring the target they share with " + group.stream().map(t -> t.tenant().id().value()).filter(id -> missing
                    .stream().noneMatch(m -> m.value().equals(id))).collect(java.util.stream.Collectors.joining(", "))
                    + " would lose their rows; nothing was restored. Choose a backup taken since they were added.";
            return group.stream().map(t -> failed(t, deployment, null, new FlotillaException(ErrorCode.RESTORE_FAILED, error))).toList();
        }
        Outcome restored = restoreOne(backupId, deployment, group.get(0));
        TenantRestore first = restored.result();
        if (!first.ok()) {
            return group.stream().map(t -> t == group.get(0) ? first : new TenantRestore(t.tenant().id(), first.backup(), first.code(),
                    first.error())).toList();
        }
        List<TenantRestore> results = new ArrayList<>(List.of(first));
        for (TenantTarget other : group.subList(1, group.size())) {
            plane.tenants().updateRestored(other.tenant().id(), restored.version(), restored.baseline(), deployment);
            plane.audit().record(actor, "restore", other.tenant().id().value(), deployment, "from " + first.backup() + " (the target"
                    + " it shares with " + group.get(0).tenant().id() + ", restored once)", "ok", null);
            results.add(new TenantRestore(other.tenant().id(), first.backup(), null, null, first.waited()));
        }
        return results;
    }

    /**
     * A tenant's failed restore, audited; its error masked by the plane (its target's secrets are masked by {@link Backups},
     * the process-wide ones, a secret placeholder's value, only here) as it reaches the console's and the API's results.
     */
    private TenantRestore failed(TenantTarget tenant, String deployment, String path, FlotillaException e) {
        String error = plane.scrub(e.getMessage());
        plane.audit().record(actor, "restore.failed", tenant.tenant().id().value(), deployment, error, "failed", null);
        return new TenantRestore(tenant.tenant().id(), path, e.code(), error);
    }

    /** One target's restore, and (when it succeeded) its history's version and baseline, as the tenants sharing it get. */
    private record Outcome(TenantRestore result, String version, String baseline) {
        Outcome(TenantRestore failed) {
            this(failed, null, null);
        }
    }

    /**
     * Restores one tenant's target, recording the tenant {@code restored} at its restored history's version and baseline
     * (what a plan would learn of it: a baseline the backup predates is forgotten, one it holds comes back).
     */
    private Outcome restoreOne(String backupId, String deployment, TenantTarget tenant) {
        Optional<BackupRecord> backup = plane.backups().find(backupId, tenant.tenant().id());
        String rollback = backup.isEmpty() && deployment != null ? rollbackWithoutBackup(plane, deployment) : null;
        if (rollback != null) {
            return new Outcome(new TenantRestore(tenant.tenant().id(), null, ErrorCode.RESTORE_FAILED, "No backup of " + tenant.tenant().id()
                    + " was taken for " + deployment + ": " + rollback + " `flotilla backups list --tenant " + tenant.tenant().id()
                    + "` lists its earlier backups."));
        }
        if (backup.isEmpty()) {
            return new Outcome(new TenantRestore(tenant.tenant().id(), null, ErrorCode.RESTORE_FAILED, "No backup of " + tenant.tenant().id()
                    + (deployment != null ? " was taken for deployment " + deployment + " (a new tenant, deploy.backup off, its"
                    + " task failed before the backup, e.g. in a beforeTenant hook, or deleted by backup.keep)." : " is in backup " + backupId + " (not selected when it was taken, or"
                    + " deleted by backup.keep); see `flotilla backups list --tenant " + tenant.tenant().id() + "`.")));
        }
        String path = backup.get().path().toString();
        try {
            Backups.Restored restored = backups.restoreNoting(backup.get(), tenant.target());
            plane.tenants().updateRestored(tenant.tenant().id(), restored.version(), restored.baseline(), deployment);
            plane.audit().record(actor, "restore", tenant.tenant().id().value(), deployment, "from " + path
                    + (restored.waited() == null ? "" : "; " + restored.waited()), "ok", null);
            return new Outcome(new TenantRestore(tenant.tenant().id(), path, null, null, restored.waited()), restored.version(),
                    restored.baseline());
        } catch (FlotillaException e) {
            return new Outcome(failed(tenant, deployment, path, e));
        }
    }
}
