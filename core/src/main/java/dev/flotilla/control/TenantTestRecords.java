package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the control plane says of each tenant for a deploy that requires a passing test: its newest dry run (the command
 * line's, the console's or the API's: each records one per tenant) with the checksums of the files it ran, and the
 * newest time something changed the tenant since Flotilla knows of it (a deployment's or rollback's task started or
 * ended on it, a restore or a repair). Reads the plane in three queries a chunk of tenants; thread-safe.
 */
public final class TenantTestRecords {
    /** The audit actions, recorded with the tenant's id, that change a tenant's schema or history outside a deployment. */
    private static final List<String> CHANGING_ACTIONS = List.of("restore", "repair");
    /** The most tenants one statement asks for: well within what H2 and PostgreSQL take as parameters. */
    private static final int PER_QUERY = 500;

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

    /**
     * The records of {@code tenants}: theirs alone, found through the indexes on each table's tenant (V2, V24), asked
     * {@value #PER_QUERY} tenants a statement, so that a deploy's cost grows with its tenants, not with the plane's years
     * of tasks, audit entries and dry runs.
     */
    public static Read read(ControlPlane plane, Collection<TenantId> tenants) {
        List<String> wanted = tenants.stream().map(TenantId::value).distinct().toList();
        if (wanted.isEmpty()) {
            return new Read(Map.of(), Map.of()); // a plan or deploy with nothing pending reads nothing more
        }
        return plane.with("reading dry runs", c -> {
            Map<TenantId, NewestDryRun> dryRuns = new HashMap<>();
            Map<TenantId, Instant> changes = new HashMap<>();
            for (int from = 0; from < wanted.size(); from += PER_QUERY) {
                List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + PER_QUERY));
                newestDryRuns(c, chunk, dryRuns);
                newestChanges(c, chunk, changes);
            }
            return new Read(dryRuns, changes);
        });
    }

    /**
     * The newest change of each of {@code tenants} ({@link Read#changes}), those never changed left out: what a deploy
     * naming a fleet dry run compares with when that run started. Asked as {@link #read} asks.
     */
    public static Map<TenantId, Instant> changes(ControlPlane plane, Collection<TenantId> tenants) {
        List<String> wanted = tenants.stream().map(TenantId::value).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return plane.with("reading tenants' changes", c -> {
            Map<TenantId, Instant> changes = new HashMap<>();
            for (int from = 0; from < wanted.size(); from += PER_QUERY) {
                newestChanges(c, wanted.subList(from, Math.min(wanted.size(), from + PER_QUERY)), changes);
            }
            return Map.copyOf(changes);
        });
    }

    /**
     * Whether a tenant that last changed at {@code changed} (null: never) changed since a test of it at {@code tested}: a
     * change at the same instant counts, as the plane's clock may give both one value.
     */
    public static boolean changedSince(Instant changed, Instant tested) {
        return changed != null && !changed.isBefore(tested);
    }

    private static void newestDryRuns(Connection c, List<String> ids, Map<TenantId, NewestDryRun> newest) throws SQLException {
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT d.tenant_id, d.ran_at, d.versions, d.checksums, d.status,"
                + " d.error, d.error_code FROM dry_runs d JOIN (SELECT tenant_id, MAX(id) AS newest FROM dry_runs"
                + " WHERE tenant_id IN (" + Jdbc.marks(ids.size()) + ") GROUP BY tenant_id) n ON d.id = n.newest", ids.toArray());
             ResultSet r = query.executeQuery()) {
            while (r.next()) {
                String versions = r.getString(3);
                newest.put(TenantId.of(r.getString(1)), new NewestDryRun(PlaneTime.read(r, 2),
                        versions.isEmpty() ? List.of() : List.of(versions.split(",", -1)), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7)));
            }
        }
    }

    /**
     * The newest start or end of a task that ran on each tenant (one never started changed nothing), or of a restore or
     * repair of it. A task recorded as running counts from its start: one whose process was killed stays so until it is
     * read back, and must not outdate every later dry run of its tenant.
     */
    private static void newestChanges(Connection c, List<String> ids, Map<TenantId, Instant> newest) throws SQLException {
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, MAX(started_at), MAX(finished_at)"
                + " FROM deployment_tasks WHERE tenant_id IN (" + Jdbc.marks(ids.size()) + ") AND started_at IS NOT NULL"
                + " GROUP BY tenant_id", ids.toArray()); ResultSet r = query.executeQuery()) {
            while (r.next()) {
                Instant started = PlaneTime.read(r, 2);
                Instant finished = PlaneTime.read(r, 3);
                Instant changed = finished != null && finished.isAfter(started) ? finished : started;
                newest.merge(TenantId.of(r.getString(1)), changed, TenantTestRecords::later);
            }
        }
        List<Object> parameters = new ArrayList<>(ids);
        parameters.addAll(CHANGING_ACTIONS);
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, MAX(happened_at) FROM audit_log"
                + " WHERE tenant_id IN (" + Jdbc.marks(ids.size()) + ") AND action IN (" + Jdbc.marks(CHANGING_ACTIONS.size()) + ")"
                + " GROUP BY tenant_id", parameters.toArray()); ResultSet r = query.executeQuery()) {
            while (r.next()) {
                newest.merge(TenantId.of(r.getString(1)), PlaneTime.read(r, 2), TenantTestRecords::later);
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
