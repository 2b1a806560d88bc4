package dev.flotilla.run;

import dev.flotilla.backup.Backups;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The backup a deployment's task (a rollback's too) takes of its target before anything changes on it; a failed backup fails the
 * task with nothing applied. A retry or resume of the deployment keeps the backup its first attempt took: that
 * one holds the tenant as it was before the deployment, a new one would hold what the failed attempt left.
 */
final class TaskBackup {
    private final ControlPlane plane;
    private final String deployment;
    private final Path dir;
    private final java.time.Duration lockTimeout;

    /** @param lockTimeout how long the backup waits for a table another session holds (the deploy's lock timeout) */
    TaskBackup(ControlPlane plane, String deployment, Path dir, java.time.Duration lockTimeout) {
        this.plane = plane;
        this.deployment = deployment;
        this.dir = dir;
        this.lockTimeout = lockTimeout;
    }

    /**
     * Before the task applies {@code pending} migrations: backs the target up ({@link #take}) unless it is up to date or
     * {@code empty} (it holds nothing yet: no table, no history), saying which in {@code log}.
     */
    void before(int pending, boolean empty, List<TenantTarget> group, StringBuilder log) {
        if (pending == 0) {
            log.append(BackupNote.UP_TO_DATE.line()).append('\n');
        } else if (empty) {
            log.append(BackupNote.EMPTY.line()).append('\n');
        } else {
            take(group, log);
        }
    }

    /** Backs up the target the group's tenants share, recorded for each of them; says what it did in {@code log}. */
    void take(List<TenantTarget> group, StringBuilder log) {
        TenantTarget first = group.get(0);
        Optional<BackupRecord> earlier = plane.backups().forDeployment(deployment, first.tenant().id());
        if (earlier.isPresent() && Files.isRegularFile(earlier.get().path())) {
            log.append(BackupNote.TAKEN.line()).append(earlier.get().path()).append(" kept from this deployment's first attempt (the")
                    .append(" tenant as it was before the deployment)\n");
            return;
        }
        List<dev.flotilla.tenant.TenantId> tenants = group.stream().map(t -> t.tenant().id()).toList();
        new Backups(plane, dir, lockTimeout).take(tenants, first.target(), deployment).stream().findFirst().ifPresentOrElse(backup -> {
            log.append(BackupNote.TAKEN.line()).append(backup.path()).append(" (").append(backup.sizeBytes()).append(" bytes, ")
                    .append(backup.millis()).append(" ms)").append(tenants.size() > 1 ? ", the target " + tenants.size()
                            + " tenants share, recorded for each of them" : "").append("\n");
        }, () -> log.append(BackupNote.NO_SCHEMA.line()).append('\n'));
    }
}
