package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The registered tenants and their last known state. */
public final class TenantStore {
    private static final String COLUMNS = "id, name, url, schema_name, groups_list, status, current_version, pending_count,"
            + " last_deployment, last_error, updated_at";

    private final ControlPlane plane;

    TenantStore(ControlPlane plane) {
        this.plane = plane;
    }

    /** Registers a tenant; an id already registered is an error naming it. */
    public void add(Tenant tenant) {
        plane.with("adding tenant " + tenant.id(), c -> {
            if (Jdbc.queryString(c, "SELECT id FROM tenants WHERE id = ?", tenant.id().value()) != null) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "Tenant " + tenant.id() + " is already registered;"
                        + " remove it first to change it.");
            }
            return Jdbc.update(c, "INSERT INTO tenants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 'unknown', NULL, NULL, NULL, NULL, ?)",
                    tenant.id().value(), tenant.name(), tenant.url(), tenant.schema(), String.join(",", tenant.groups()),
                    Timestamp.from(Instant.now()));
        });
    }

    /** Registers the tenants not registered yet; returns how many were new. */
    public int addMissing(List<Tenant> tenants) {
        int added = 0;
        for (Tenant tenant : tenants) {
            if (find(tenant.id()).isEmpty()) {
                add(tenant);
                added++;
            }
        }
        return added;
    }

    public boolean remove(TenantId id) {
        return plane.with("removing tenant " + id, c -> Jdbc.update(c, "DELETE FROM tenants WHERE id = ?", id.value()) > 0);
    }

    public Optional<TenantRecord> find(TenantId id) {
        return query("WHERE id = ?", id.value()).stream().findFirst();
    }

    /** Every tenant, by id. */
    public List<TenantRecord> all() {
        return query("");
    }

    /** Records what a plan or deploy learned of a tenant. */
    public void updateState(TenantId id, String status, String currentVersion, Integer pendingCount,
                            String lastDeployment, String lastError) {
        plane.with("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET status = ?, current_version ="
                        + " COALESCE(?, current_version), pending_count = ?, last_deployment = COALESCE(?, last_deployment),"
                        + " last_error = ?, updated_at = ? WHERE id = ?", status, currentVersion, pendingCount,
                lastDeployment, lastError, Timestamp.from(Instant.now()), id.value()));
    }

    /** Marks a tenant as being migrated by a deployment, keeping what else is known. */
    public void markMigrating(TenantId id, String deployment) {
        plane.with("updating tenant " + id, c -> Jdbc.update(c, "UPDATE tenants SET status = 'migrating',"
                + " last_deployment = ?, updated_at = ? WHERE id = ?", deployment, Timestamp.from(Instant.now()), id.value()));
    }

    private List<TenantRecord> query(String where, Object... parameters) {
        return plane.with("reading tenants", c -> {
            List<TenantRecord> records = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + COLUMNS + " FROM tenants " + where + " ORDER BY id",
                    parameters); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    records.add(record(r));
                }
            }
            return records;
        });
    }

    private static TenantRecord record(ResultSet r) throws SQLException {
        String groups = r.getString("groups_list");
        Tenant tenant = new Tenant(TenantId.of(r.getString("id")), r.getString("name"), r.getString("url"),
                r.getString("schema_name"), groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")));
        int pending = r.getInt("pending_count");
        Integer pendingCount = r.wasNull() ? null : pending;
        Timestamp updated = r.getTimestamp("updated_at");
        return new TenantRecord(tenant, r.getString("status"), r.getString("current_version"), pendingCount,
                r.getString("last_deployment"), r.getString("last_error"), updated.toInstant());
    }
}
