package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How a fleet dry run is written as it starts and as it ends (see {@link DryRunStore#started} and
 * {@link DryRunStore#finished}): each in one transaction, the runs beyond the newest {@value DryRunStore#FLEET_RUNS_KEPT}
 * removed as one starts.
 */
final class FleetDryRunWrites {
    private final ControlPlane plane;

    FleetDryRunWrites(ControlPlane plane) {
        this.plane = plane;
    }

    /** @param from {@code fleet_dry_runs.started_from}: {@link DryRunStore#FROM_COMMAND_LINE}, or null for the console's */
    void started(String id, String user, List<String> versions, Map<String, String> files, boolean outOfOrder,
                 Collection<TenantId> tenants, String from) {
        plane.together("recording a dry run", () -> plane.write("recording a dry run", c -> {
            Jdbc.update(c, "INSERT INTO fleet_dry_runs (id, started_by, started_at, versions, files, runner, out_of_order,"
                    + " started_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, user, PlaneTime.now(), String.join(",", versions),
                    filesText(files), Runner.current(), outOfOrder, from);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO fleet_dry_run_tenants (dry_run_id, tenant_id)"
                    + " VALUES (?, ?)")) {
                for (TenantId tenant : tenants) {
                    insert.setString(1, id);
                    insert.setString(2, tenant.value());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            pruneFleetRuns(c);
            return null;
        }));
    }

    /**
     * Removes the fleet dry runs beyond the newest {@value DryRunStore#FLEET_RUNS_KEPT} (by when they started), their
     * tenants first: a statement for each table, however many runs go (two for each run before).
     */
    private static void pruneFleetRuns(Connection c) throws SQLException {
        String count = Jdbc.queryString(c, "SELECT COUNT(*) FROM fleet_dry_runs");
        if (count == null || Long.parseLong(count) <= DryRunStore.FLEET_RUNS_KEPT) {
            return;
        }
        String older = "SELECT id FROM fleet_dry_runs ORDER BY started_at DESC, id DESC OFFSET " + DryRunStore.FLEET_RUNS_KEPT
                + " ROWS";
        Jdbc.update(c, "DELETE FROM fleet_dry_run_tenants WHERE dry_run_id IN (" + older + ")");
        Jdbc.update(c, "DELETE FROM fleet_dry_runs WHERE id IN (" + older + ")");
    }

    void finished(String id, long millis, String error, Map<TenantId, FleetDryRunRecord.Outcome> outcomes) {
        plane.together("recording a dry run", () -> plane.write("recording a dry run", c -> {
            Jdbc.update(c, "UPDATE fleet_dry_runs SET finished_at = ?, wall_ms = ?, error = ? WHERE id = ?", PlaneTime.now(),
                    millis, DryRunStore.kept(plane, error), id);
            try (PreparedStatement update = c.prepareStatement("UPDATE fleet_dry_run_tenants SET status = ?, error = ?,"
                    + " error_code = ?, time_ms = ?, warning = ? WHERE dry_run_id = ? AND tenant_id = ?")) {
                for (Map.Entry<TenantId, FleetDryRunRecord.Outcome> outcome : outcomes.entrySet()) {
                    FleetDryRunRecord.Outcome o = outcome.getValue();
                    update.setString(1, o.status());
                    update.setString(2, DryRunStore.kept(plane, o.error()));
                    update.setString(3, o.code());
                    update.setObject(4, o.millis(), java.sql.Types.BIGINT);
                    update.setString(5, DryRunStore.kept(plane, o.warning()));
                    update.setString(6, id);
                    update.setString(7, outcome.getKey().value());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        }));
    }

    /** One line per file, its name and checksum apart by a tab: neither holds one ({@link FleetDryRunReads#filesOf}). */
    private static String filesText(Map<String, String> files) {
        StringBuilder text = new StringBuilder();
        files.forEach((script, checksum) -> text.append(script).append('\t').append(checksum).append('\n'));
        return text.toString();
    }
}
