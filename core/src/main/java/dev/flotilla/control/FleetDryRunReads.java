package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the fleet dry runs are read back: one by its id with its files and every tenant's outcome, and the newest (see
 * {@link DryRunStore#fleetRun}, {@link DryRunStore#newest}, {@link DryRunStore#newestFromCommandLine}).
 */
final class FleetDryRunReads {
    private final ControlPlane plane;

    FleetDryRunReads(ControlPlane plane) {
        this.plane = plane;
    }

    Optional<FleetDryRunRecord> fleetRun(String id) {
        return plane.with("reading dry runs", c -> {
            Map<TenantId, FleetDryRunRecord.Outcome> tenants = tenantsOf(c, id);
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT started_by, started_at, versions, files, finished_at, wall_ms,"
                    + " error, out_of_order, started_from FROM fleet_dry_runs WHERE id = ?", id);
                 ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long wall = r.getLong(6);
                Long millis = r.wasNull() ? null : wall;
                boolean chosen = r.getBoolean(8);
                Boolean outOfOrder = r.wasNull() ? null : chosen;
                return Optional.of(new FleetDryRunRecord(id, r.getString(1), PlaneTime.read(r, 2), versionsOf(r.getString(3)),
                        filesOf(r.getString(4)), tenants, PlaneTime.read(r, 5), millis, r.getString(7), outOfOrder,
                        DryRunStore.FROM_COMMAND_LINE.equals(r.getString(9))));
            }
        });
    }

    List<String> newest(int offset, int limit) {
        return plane.with("reading dry runs", c -> Jdbc.queryStrings(c, "SELECT id FROM fleet_dry_runs"
                + " ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit) + " OFFSET " + Math.max(0, offset)));
    }

    /** The page's runs and their tenants counted, in one statement: a list of 30 read 61 before (a run and its tenants each). */
    List<FleetDryRunSummary> summaries(int offset, int limit) {
        String columns = "id, started_by, started_at, versions, finished_at, wall_ms, error, out_of_order, started_from";
        String page = "SELECT " + columns + " FROM fleet_dry_runs ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit)
                + " OFFSET " + Math.max(0, offset);
        String grouped = "p." + columns.replace(", ", ", p.");
        return plane.with("reading dry runs", c -> {
            List<FleetDryRunSummary> runs = new ArrayList<>();
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT " + grouped + ", COUNT(t.tenant_id),"
                    + " SUM(CASE WHEN t.status IN ('success', 'warning') THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN t.status = 'error' THEN 1 ELSE 0 END) FROM (" + page + ") p"
                    + " LEFT JOIN fleet_dry_run_tenants t ON t.dry_run_id = p.id GROUP BY " + grouped
                    + " ORDER BY p.started_at DESC, p.id DESC"); ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    runs.add(summaryOf(r));
                }
            }
            return runs;
        });
    }

    private static FleetDryRunSummary summaryOf(ResultSet r) throws SQLException {
        long wall = r.getLong(6);
        Long millis = r.wasNull() ? null : wall;
        boolean chosen = r.getBoolean(8);
        Boolean outOfOrder = r.wasNull() ? null : chosen;
        return new FleetDryRunSummary(r.getString(1), r.getString(2), PlaneTime.read(r, 3), versionsOf(r.getString(4)),
                PlaneTime.read(r, 5), millis, r.getString(7), outOfOrder, DryRunStore.FROM_COMMAND_LINE.equals(r.getString(9)),
                r.getInt(10), r.getLong(11), r.getLong(12));
    }

    int count() {
        return Integer.parseInt(plane.with("reading dry runs", c -> Jdbc.queryString(c, "SELECT COUNT(*) FROM fleet_dry_runs")));
    }

    List<String> newestFromCommandLine(int limit) {
        return plane.with("reading dry runs", c -> Jdbc.queryStrings(c, "SELECT id FROM fleet_dry_runs WHERE started_from = ?"
                + " AND finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit),
                DryRunStore.FROM_COMMAND_LINE));
    }

    /**
     * Of the newest {@code limit} finished runs of the command line, those that ran without an error, of these versions,
     * on as many tenants, in one statement (one per run before, to count its tenants).
     */
    List<String> newestFromCommandLine(int limit, List<String> versions, int tenants) {
        String newest = "SELECT id, started_at, versions, error FROM fleet_dry_runs WHERE started_from = ?"
                + " AND finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT " + Math.max(0, limit);
        return plane.with("reading dry runs", c -> Jdbc.queryStrings(c, "SELECT n.id FROM (" + newest + ") n"
                + " LEFT JOIN fleet_dry_run_tenants t ON t.dry_run_id = n.id WHERE n.error IS NULL AND n.versions = ?"
                + " GROUP BY n.id, n.started_at HAVING COUNT(t.tenant_id) = ? ORDER BY n.started_at DESC, n.id DESC",
                DryRunStore.FROM_COMMAND_LINE, String.join(",", versions), tenants));
    }

    /** Each tenant a fleet dry run tested, with its outcome. */
    private static Map<TenantId, FleetDryRunRecord.Outcome> tenantsOf(Connection c, String id) throws SQLException {
        Map<TenantId, FleetDryRunRecord.Outcome> tenants = new LinkedHashMap<>();
        try (PreparedStatement query = Jdbc.prepare(c, "SELECT tenant_id, status, error, error_code, time_ms, warning"
                + " FROM fleet_dry_run_tenants WHERE dry_run_id = ? ORDER BY tenant_id", id);
             ResultSet r = query.executeQuery()) {
            while (r.next()) {
                long time = r.getLong(5);
                Long millis = r.wasNull() ? null : time;
                tenants.put(TenantId.of(r.getString(1)), r.getString(2) == null && r.getString(3) == null
                        ? FleetDryRunRecord.Outcome.NOT_YET
                        : new FleetDryRunRecord.Outcome(r.getString(2), r.getString(3), r.getString(4), millis, r.getString(6)));
            }
        }
        return tenants;
    }

    private static List<String> versionsOf(String versions) {
        return versions.isEmpty() ? List.of() : List.of(versions.split(",", -1));
    }

    /** The files as {@link FleetDryRunWrites} wrote them, one line each, name and checksum apart by a tab. */
    private static Map<String, String> filesOf(String text) {
        Map<String, String> files = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isEmpty()).forEach(line -> files.put(line.substring(0, line.lastIndexOf('\t')),
                line.substring(line.lastIndexOf('\t') + 1)));
        return files;
    }
}
