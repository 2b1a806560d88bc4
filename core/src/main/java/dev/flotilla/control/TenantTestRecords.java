package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the control plane says of each tenant for a deploy that requires a passing test: its newest dry run (the command
 * line's, the console's or the API's: each records one per tenant) with the checksums of the files it ran, and the
 * newest time something changed the tenant since Flotilla knows of it (a deployment's or rollback's task started or
 * ended on it, a restore or a repair). Reads the plane in three queries whatever the number of tenants; thread-safe.
 */
public final class TenantTestRecords {
    /** The audit actions, recorded with the tenant's id, that change a tenant's schema or history outside a deployment. */
    private static final List<String> CHANGING_ACTIONS = List.of("restore", "repair");

    /**
     * A tenant's newest dry run as recorded (when it was recorded, after it ran).
     *
     * @param versions the versions (a repeatable's script name) it ran, in order; for one that failed, up to the failure
     * @param checksums the files' checksums in the order of {@code versions}; null for a dry run recorded before they were
     *     kept (V12)
     */
    public record NewestDryRun(Instant at, List<String> versions, String checksums, String status, String error,
                               String errorCode) {
        public NewestDryRun {
            versions = List.copyOf(versions);
        }

        /** Whether it ended in an error ({@code status} error). */
        public boolean failed() {
            return "error".equals(status);
        }

        /** Whether nothing was tried: its scratch copy could not be made (CLONE_FAILED). */
        public boolean untested() {
            return DryRunErrors.untested(status, error, errorCode);
        }
    }

    /** Each tenant's newest dry run and newest change, those without either left out of their map. */
    public record Read(Map<TenantId, NewestDryRun> dryRuns, Map<TenantId, Instant> changes) {
        public Read {
            dryRuns = Map.copyOf(dryRuns);
            changes = Map.copyOf(changes);
        }
    }

    private TenantTestRecords() {
    }

    /** The records of {@code tenants}. */
    public static Read read(ControlPlane plane, Collection<TenantId> tenants) {
        Set<String> wanted = tenants.stream().map(TenantId::value).collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return new Read(Map.of(), Map.of()); // a plan or deploy with nothing pending reads nothing more
        }
        return plane.with("reading dry runs", c -> new Read(newestDryRuns(c, wanted), newestChanges(c, wanted)));
    }

    private static Map<TenantId, NewestDryRun> newestDryRuns(Connection c, Set<String> wanted) throws SQLException {
        Map<TenantId, NewestDryRun> newest = new HashMap<>();
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT d.tenant_id, d.ran_at, d.versions, d.checksums, d.status,"
                + " d.error, d.error_code FROM dry_runs d JOIN (SELECT tenant_id, MAX(id) AS newest FROM dry_runs"
                + " GROUP BY tenant_id) n ON d.id = n.newest"); ResultSet r = query.executeQuery()) {
            while (r.next()) {
                if (wanted.contains(r.getString(1))) {
                    String versions = r.getString(3);
                    newest.put(TenantId.of(r.getString(1)), new NewestDryRun(PlaneTime.read(r, 2),
                            versions.isEmpty() ? List.of() : List.of(versions.split(",", -1)), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7)));
                }
            }
        }
        return newest;
    }

    /**
     * The newest start or end of a task that ran on each tenant (one never started changed nothing), or of a restore or
     * repair of it. A task recorded as running counts from its start: one whose process was killed stays so until it is
     * read back, and must not outdate every later dry run of its tenant.
     */
    private static Map<TenantId, Instant> newestChanges(Connection c, Set<String> wanted) throws SQLException {
        Map<TenantId, Instant> newest = new HashMap<>();
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, MAX(started_at), MAX(finished_at)"
                + " FROM deployment_tasks WHERE started_at IS NOT NULL GROUP BY tenant_id"); ResultSet r = query.executeQuery()) {
            while (r.next()) {
                if (wanted.contains(r.getString(1))) {
                    Instant started = PlaneTime.read(r, 2);
                    Instant finished = PlaneTime.read(r, 3);
                    Instant changed = finished != null && finished.isAfter(started) ? finished : started;
                    newest.merge(TenantId.of(r.getString(1)), changed, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, MAX(happened_at) FROM audit_log WHERE action IN ("
                + CHANGING_ACTIONS.stream().map(a -> "?").collect(Collectors.joining(", ")) + ") AND tenant_id IS NOT NULL"
                + " GROUP BY tenant_id", CHANGING_ACTIONS.toArray()); ResultSet r = query.executeQuery()) {
            while (r.next()) {
                if (wanted.contains(r.getString(1))) {
                    newest.merge(TenantId.of(r.getString(1)), PlaneTime.read(r, 2), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return newest;
    }
}
