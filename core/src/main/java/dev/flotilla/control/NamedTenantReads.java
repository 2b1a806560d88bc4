package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads of a few columns of the tenants a caller names (a deployment's), by id, a thousand ids a statement: a run of
 * 10 tenants among 10,000 registered reads 10 rows, not the fleet; and no statement binds more values than a server takes.
 */
final class NamedTenantReads {
    static final int IDS_PER_READ = 1000;

    private final ControlPlane plane;

    NamedTenantReads(ControlPlane plane) {
        this.plane = plane;
    }

    /** Of the tenants {@code ids}, those the plane last saw at a version. */
    java.util.Set<TenantId> versioned(Collection<TenantId> ids) {
        java.util.Set<TenantId> versioned = new java.util.HashSet<>();
        rows(ids, "id", "current_version IS NOT NULL").forEach(row -> versioned.add(TenantId.of(row.get(0))));
        return versioned;
    }

    /** Of the tenants {@code ids}, each one's last deployment, where it has one. */
    java.util.Map<TenantId, String> lastDeployments(Collection<TenantId> ids) {
        java.util.Map<TenantId, String> last = new java.util.HashMap<>();
        rows(ids, "id, last_deployment", "last_deployment IS NOT NULL").forEach(row -> last.put(TenantId.of(row.get(0)),
                row.get(1)));
        return last;
    }

    /**
     * The {@code columns} (as text, by position) of each tenant of {@code ids} that {@code condition} keeps; an id not
     * registered has no row, one named twice one.
     */
    List<List<String>> rows(Collection<TenantId> ids, String columns, String condition) {
        List<String> values = ids.stream().map(TenantId::value).distinct().toList();
        int width = columns.split(",").length;
        List<List<String>> rows = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IDS_PER_READ) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + IDS_PER_READ));
            String sql = "SELECT " + columns + " FROM tenants WHERE " + condition + " AND id IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)";
            rows.addAll(plane.with("reading tenants", c -> {
                List<List<String>> read = new ArrayList<>();
                try (PreparedStatement statement = Jdbc.prepare(c, sql, chunk.toArray()); ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        List<String> row = new ArrayList<>(width);
                        for (int i = 1; i <= width; i++) {
                            row.add(r.getString(i));
                        }
                        read.add(row);
                    }
                }
                return read;
            }));
        }
        return rows;
    }
}
