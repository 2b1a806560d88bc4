package dev.flotilla.run;

import dev.flotilla.backup.Backups;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backs tenants up on demand, all into one run ({@code manual-<time>}), in parallel within the fleet's concurrency
 * and per-server limits; a target tenants share (shared-schema) is backed up once, recorded for each of them. A tenant that cannot be backed up (unreachable, no rights, a client program missing) is a
 * result, not an exception: every other selected tenant is still backed up. Thread-safe.
 */
public final class FleetBackup {
    private final Backups backups;
    private final int concurrency;
    private final int perServer;
    /** How many backups keep their files after a run (backup.keep); 0: none is removed. */
    private final int keep;

    /**
     * @param lockTimeout how long a backup waits for a table another session holds; null: deploy.lockTimeout's default
     *     (5 s), as {@link Backups}, never the server's own setting
     */
    public FleetBackup(ControlPlane plane, Path backupDir, java.time.Duration lockTimeout, int concurrency, int perServer) {
        this(plane, backupDir, lockTimeout, concurrency, perServer, 0);
    }

    /** As above; after each run only the newest {@code keep} backups (a deployment's or on demand) keep their files. */
    public FleetBackup(ControlPlane plane, Path backupDir, java.time.Duration lockTimeout, int concurrency, int perServer,
                       int keep) {
        this.backups = new Backups(plane, backupDir, lockTimeout);
        this.concurrency = concurrency;
        this.perServer = perServer;
        this.keep = keep;
    }

    /** The run's id and its tenants' outcomes, in the order given; the run's folder is removed when nothing went into it. */
    public record Run(String id, List<TenantBackup> tenants) {
        public Run {
            tenants = List.copyOf(tenants);
        }

        /** The tenants backed up (a tenant without a schema yet and one that failed are not). */
        public long backedUp() {
            return tenants.stream().filter(t -> t.backup() != null).count();
        }

        public List<TenantBackup> failed() {
            return tenants.stream().filter(t -> !t.ok()).toList();
        }
    }

    /** Starts a run and backs {@code tenants} up into it; the id is handed to {@code started} before any tenant runs. */
    public Run run(List<TenantTarget> tenants, java.util.function.Consumer<String> started) {
        String id = backups.startManual();
        started.accept(id);
        Map<String, List<TenantId>> sharing = new LinkedHashMap<>();
        tenants.forEach(t -> sharing.computeIfAbsent(t.targetKey(), k -> new ArrayList<>()).add(t.tenant().id()));
        try {
            return new Run(id, PerTarget.run(tenants, concurrency, perServer, "backing up",
                    t -> backups.takeManual(sharing.get(t.targetKey()), t.target(), id)).stream().map(o -> o.code() != null
                    ? new TenantBackup(o.tenant(), null, o.code(), TenantTarget.scrubbed(tenants, o.error()))
                    : new TenantBackup(o.tenant(), o.value().stream().filter(b -> b.tenant().equals(o.tenant())).findFirst()
                            .orElse(null), null, null)).toList());
        } finally {
            backups.discardIfEmpty(id);
            if (keep > 0) {
                backups.prune(keep);
            }
        }
    }
}
