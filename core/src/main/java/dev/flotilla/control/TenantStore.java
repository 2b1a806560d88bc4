package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantCredentials;
import dev.flotilla.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registered tenants and their last known state. */
public final class TenantStore {
    private static final String COLUMNS = "id, name, url, schema_name, groups_list, status, current_version, pending_count,"
            + " last_deployment, last_error, updated_at, login_user, password_env, password_file, baseline_version";

    private final ControlPlane plane;
    private final TenantCensus census;
    private final NamedTenantReads named;

    TenantStore(ControlPlane plane) {
        this.plane = plane;
        this.census = new TenantCensus(plane, this);
        this.named = new NamedTenantReads(plane);
    }

    /** The tenants counted up: by state or version, their groups, their kinds of database. */
    public TenantCensus census() {
        return census;
    }

    /** Registers a tenant; an id already registered is an error naming it. */
    public void add(Tenant tenant) {
        plane.write("adding tenant " + tenant.id(), c -> {
            if (Jdbc.queryString(c, "SELECT id FROM tenants WHERE id = ?", tenant.id().value()) != null) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "Tenant " + tenant.id() + " is already registered;"
                        + " remove it first to change it.");
            }
            return insert(c, tenant);
        });
    }

    /**
     * Registers the tenants not registered yet (an id listed twice once), all in one transaction: all or none,
     * and one write to the control plane's file instead of one per tenant (an embedded file took 16 kB per commit
     * until it is compacted: 160 MB for 10,000 tenants). Returns how many were new.
     */
    public int addMissing(List<Tenant> tenants) {
        int[] added = {0};
        plane.together("registering tenants", () -> {
            added[0] = 0; // counted afresh when the transaction is run again
            Set<String> registered = new HashSet<>(plane.with("reading tenants", c -> Jdbc.queryStrings(c, "SELECT id FROM tenants")));
            for (Tenant tenant : tenants) {
                if (registered.add(tenant.id().value())) {
                    try {
                        plane.write("registering tenant " + tenant.id(), c -> insert(c, tenant));
                    } catch (FlotillaException e) {
                        throw new FlotillaException(e.code(), e.getMessage() + " None of the " + tenants.size()
                                + " tenant(s) listed was registered; correct this one and run it again.", e);
                    }
                    added[0]++;
                }
            }
        });
        return added[0];
    }

    private static int insert(Connection c, Tenant tenant) throws SQLException {
        TenantCredentials login = tenant.credentials();
        return Jdbc.update(c, "INSERT INTO tenants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 'unknown', NULL, NULL, NULL, NULL, ?,"
                        + " ?, ?, ?, NULL)", tenant.id().value(), tenant.name(), tenant.url(), tenant.schema(),
                String.join(",", tenant.groups()), PlaneTime.now(), login.user(), login.passwordEnv(),
                login.passwordFile());
    }

    /**
     * Replaces a tenant's own login ({@link TenantCredentials#NONE} clears it: the tenant logs in as the tenancy does
     * again); false when no such tenant is registered.
     */
    public boolean setCredentials(TenantId id, TenantCredentials login) {
        return plane.write("changing the login of tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET login_user = ?,"
                + " password_env = ?, password_file = ? WHERE id = ?", login.user(), login.passwordEnv(), login.passwordFile(),
                id.value()) > 0);
    }

    /** The password variables tenants name, each once: kept from hooks and client programs before any of them runs. */
    public List<String> passwordVariables() {
        return plane.with("reading tenants", c -> Jdbc.queryStrings(c, "SELECT DISTINCT password_env FROM tenants"
                + " WHERE password_env IS NOT NULL"));
    }

    /**
     * Removes the tenant, and the live schema accepted for it ({@code drift --accept}): a tenant registered again under
     * that id is another schema, which that acceptance never saw. Its other records (deployments, checks) stay.
     */
    public boolean remove(TenantId id) {
        return plane.write("removing tenant " + id, c -> {
            Jdbc.update(c, "DELETE FROM drift_acceptances WHERE tenant_id = ?", id.value());
            return Jdbc.update(c, "DELETE FROM tenants WHERE id = ?", id.value()) > 0;
        });
    }

    /**
     * Of the tenants {@code ids} (a deployment's), those the plane last saw at a version: their targets have a history
     * table. Reads those tenants alone, not the fleet.
     */
    public Set<TenantId> versioned(Collection<TenantId> ids) {
        return named.versioned(ids);
    }

    /** Of the tenants {@code ids}, each one's last deployment, where it has one. Reads those tenants alone. */
    public Map<TenantId, String> lastDeployments(Collection<TenantId> ids) {
        return named.lastDeployments(ids);
    }

    public Optional<TenantRecord> find(TenantId id) {
        return query("WHERE id = ?", id.value()).stream().findFirst();
    }

    /**
     * Every tenant, by id ({@link TenantId}'s order, whatever the database's collation): read in the table's own
     * order and sorted here, since H2 reads an ordered scan through the id index and fetches each row from the
     * table again (10,000 tenants: a third less time).
     */
    public List<TenantRecord> all() {
        List<TenantRecord> all = query("");
        all.sort(java.util.Comparator.comparing(r -> r.tenant().id()));
        return all;
    }

    /**
     * A page of the tenants whose id or name contains {@code search} (any case) and that are in {@code group},
     * by id; null or blank matches everything.
     */
    public List<TenantRecord> page(String search, String group, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = TenantFilter.matching(search, group, parameters);
        parameters.add(limit);
        parameters.add(offset);
        return query(where + " ORDER BY id LIMIT ? OFFSET ?", parameters.toArray());
    }

    /** The ids of every tenant {@link #page} would list, by id. */
    public List<TenantId> ids(String search, String group) {
        List<Object> parameters = new ArrayList<>();
        String where = TenantFilter.matching(search, group, parameters);
        return plane.with("reading tenants", c -> Jdbc.queryStrings(c, "SELECT id FROM tenants " + where + " ORDER BY id",
                parameters.toArray())).stream().map(TenantId::of).toList();
    }

    public int count(String search, String group) {
        List<Object> parameters = new ArrayList<>();
        String where = TenantFilter.matching(search, group, parameters);
        return plane.with("counting tenants", c -> Integer.parseInt(Jdbc.queryString(c, "SELECT COUNT(*) FROM tenants " + where,
                parameters.toArray())));
    }

    /** The first tenants in one state, by id. */
    public List<TenantRecord> inState(String status, int limit) {
        return query("WHERE status = ? ORDER BY id LIMIT ?", status, limit);
    }

    /** The tenants still marked {@code migrating}, those whose deployment no longer runs shown {@code interrupted}. */
    List<TenantRecord> migrating() {
        return query("WHERE status = 'migrating'");
    }

    /**
     * Records what a plan, deploy, rollback or restore learned of a tenant, its version included: null when no
     * migration is in effect on it (all rolled back, or none applied yet).
     */
    public void updateState(TenantId id, String status, String currentVersion, Integer pendingCount,
                            String lastDeployment, String lastError) {
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET status = ?, current_version = ?,"
                        + " pending_count = ?, last_deployment = COALESCE(?, last_deployment), last_error = ?, updated_at = ?"
                        + " WHERE id = ?", status, currentVersion, pendingCount, lastDeployment, plane.scrub(lastError),
                PlaneTime.now(), id.value()));
    }

    /**
     * Records a tenant restored from a backup: state {@code restored} at the version its restored history is at, and the
     * baseline that history records ({@code baselineVersion}, as {@link dev.flotilla.plan.Baselined#column} says it), as a
     * plan learns it.
     */
    public void updateRestored(TenantId id, String currentVersion, String baselineVersion, String lastDeployment) {
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET status = 'restored', current_version = ?,"
                        + " baseline_version = ?, pending_count = NULL, last_deployment = COALESCE(?, last_deployment),"
                        + " last_error = NULL, updated_at = ? WHERE id = ?", currentVersion, baselineVersion, lastDeployment,
                PlaneTime.now(), id.value()));
    }

    /**
     * Records what a plan read of a tenant's history, as {@link #updateState} does, except that a tenant whose checks
     * failed stays {@code failed-verification}, its error kept, while the plan finds it up to date: reading the history
     * says nothing of the data and schema the checks found wrong; only checks set or clear that state.
     */
    public void updatePlanned(TenantId id, String status, String currentVersion, Integer pendingCount, String lastError) {
        updatePlanned(id, status, currentVersion, null, pendingCount, lastError);
    }

    /**
     * The same, with the baseline the tenant's history records ({@code baselineVersion}, as
     * {@link dev.flotilla.plan.Baselined#column} says it; null: not learned): lint counts a version baselined there as not
     * run there ({@link TenantCensus#versions}).
     */
    public void updatePlanned(TenantId id, String status, String currentVersion, String baselineVersion, Integer pendingCount,
                              String lastError) {
        boolean upToDate = "up-to-date".equals(status);
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET"
                        + " status = CASE WHEN ? AND status = 'failed-verification' THEN status ELSE ? END, current_version = ?,"
                        + " baseline_version = ?, pending_count = ?,"
                        + " last_error = CASE WHEN ? AND status = 'failed-verification' THEN last_error ELSE ? END,"
                        + " updated_at = ? WHERE id = ?", upToDate, status, currentVersion, baselineVersion, pendingCount, upToDate,
                plane.scrub(lastError), PlaneTime.now(), id.value()));
    }

    /** Records the baseline a new tenant's history records ({@link dev.flotilla.plan.Baselined#column}: tenants create). */
    public void updateBaseline(TenantId id, String baselineVersion) {
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET baseline_version = ? WHERE id = ?",
                baselineVersion, id.value()));
    }

    /**
     * Records what the checks of {@code flotilla verify} found: a failure ({@code failure} its message) marks a tenant
     * whose migrations are up to date {@code failed-verification}; a pass clears that state, and moves the time an up to
     * date tenant was last checked (status --fleet's Checked) to now. A tenant with migrations pending or failed keeps
     * its state and time: its migrations are the first thing to fix.
     */
    public void updateChecked(TenantId id, String failure) {
        plane.write("updating tenant " + id, c -> failure != null
                ? Jdbc.update(c, "UPDATE tenants SET status = 'failed-verification', last_error = ?, updated_at = ?"
                        + " WHERE id = ? AND status IN ('up-to-date', 'failed-verification')", plane.scrub(failure),
                        PlaneTime.now(), id.value())
                : Jdbc.update(c, "UPDATE tenants SET status = 'up-to-date', last_error = CASE WHEN"
                        + " status = 'failed-verification' THEN NULL ELSE last_error END, updated_at = ?"
                        + " WHERE id = ? AND status IN ('up-to-date', 'failed-verification')", PlaneTime.now(), id.value()));
    }

    /** Records what was learned of a tenant whose version it did not learn (unreachable, failed before any change). */
    public void updateStateKeepingVersion(TenantId id, String status, Integer pendingCount, String lastDeployment,
                                          String lastError) {
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET status = ?, pending_count = ?,"
                        + " last_deployment = COALESCE(?, last_deployment), last_error = ?, updated_at = ? WHERE id = ?",
                status, pendingCount, lastDeployment, lastError, PlaneTime.now(), id.value()));
    }

    /**
     * Records how many migrations a tenant being migrated has pending, as its run read them under the target lock: a
     * tenant whose deployment dies then shows them, not the count an earlier run left (0 for one up to date before).
     */
    public void updatePending(TenantId id, int pendingCount) {
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET pending_count = ? WHERE id = ?",
                pendingCount, id.value()));
    }

    /** Marks a tenant as being migrated by a deployment, keeping what else is known. */
    public void markMigrating(TenantId id, String deployment) {
        plane.write("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET status = 'migrating',"
                + " last_deployment = ?, updated_at = ? WHERE id = ?", deployment, PlaneTime.now(), id.value()));
    }

    private List<TenantRecord> query(String where, Object... parameters) {
        List<TenantRecord> read = plane.with("reading tenants", c -> {
            List<TenantRecord> records = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM tenants " + where,
                    parameters); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    records.add(record(r));
                }
            }
            return records;
        });
        return new InterruptedTenants(plane).shown(read);
    }

    /** One row of {@link #COLUMNS}, read by position: by name, H2 looks every column up again on every row. */
    private static TenantRecord record(ResultSet r) throws SQLException {
        String groups = r.getString(5);
        Tenant tenant = new Tenant(TenantId.of(r.getString(1)), r.getString(2), r.getString(3), r.getString(4),
                groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")),
                new TenantCredentials(r.getString(12), r.getString(13), r.getString(14)));
        int pending = r.getInt(8);
        Integer pendingCount = r.wasNull() ? null : pending;
        return new TenantRecord(tenant, r.getString(6), r.getString(7), r.getString(15), pendingCount, r.getString(9), r.getString(10),
                PlaneTime.read(r, 11));
    }
}
