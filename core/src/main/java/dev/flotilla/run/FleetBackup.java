package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.backup.Backups;
import dev.flotilla.control.ControlPlane;
import java.nio.file.Path;
import java.util.List;

/**
 * Backs tenants up on demand, all into one run ({@code manual-<time>}), in parallel within the fleet's concurrency
 * and per-server limits. A tenant that cannot be backed up (unreachable, no rights, a client program missing) is a
 * result, not an exception: every other selected tenant is still backed up. Thread-safe.
 */
public final class FleetBackup {
    private final Backups backups;
    private final int concurrency;
    private final ServerLimits limits;

    /** @param lockTimeout how long a backup waits for a table another session holds; null: the server's setting */
    public FleetBackup(ControlPlane plane, Path backupDir, java.time.Duration lockTimeout, int concurrency, int perServer) {
        this.backups = new Backups(plane, backupDir, lockTimeout);
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
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
        try {
            return new Run(id, Parallel.map(tenants, concurrency, "backing up", t -> limits.within(t, () -> backUp(t, id))));
        } finally {
            backups.discardIfEmpty(id);
        }
    }

    private TenantBackup backUp(TenantTarget tenant, String run) {
        try {
            return new TenantBackup(tenant.tenant().id(), backups.takeManual(tenant.tenant().id(), tenant.target(), run).orElse(null),
                    null, null);
        } catch (FlotillaException e) {
            return new TenantBackup(tenant.tenant().id(), null, e.code(), TenantTarget.scrubbed(List.of(tenant), e.getMessage()));
        }
    }
}
