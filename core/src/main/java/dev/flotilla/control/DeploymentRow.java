package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of deployments as {@link DeploymentStore} reads it, with its tasks counted by state: a
 * {@link DeploymentRecord}, told interrupted where it is recorded running but its heartbeat is stale or its process
 * gone from this machine.
 */
final class DeploymentRow {
    private static final String SELECT = "SELECT d.id, d.status, d.started_at, d.finished_at, d.started_by, d.runner,"
            + " d.options, d.total,"
            + " (SELECT COUNT(*) FROM deployment_tasks t WHERE t.deployment_id = d.id AND t.status = 'succeeded'),"
            + " (SELECT COUNT(*) FROM deployment_tasks t WHERE t.deployment_id = d.id AND t.status = 'failed'),"
            + " (SELECT COUNT(*) FROM deployment_tasks t WHERE t.deployment_id = d.id AND t.status = 'skipped'),"
            + " (SELECT COUNT(*) FROM deployment_tasks t WHERE t.deployment_id = d.id AND t.status IN ('pending', 'running')),"
            + " d.kind, d.rolls_back, d.heartbeat_at, d.heartbeat_ms, CURRENT_TIMESTAMP, d.stop_requested_by,"
            + " d.stop_requested_at FROM deployments d ";

    private DeploymentRow() {
    }

    /** The deployments {@code where} (a WHERE and/or ORDER BY clause over {@code d}) selects, in its order. */
    static List<DeploymentRecord> select(ControlPlane plane, String where, Object... parameters) {
        return plane.with("reading deployments", c -> {
            List<DeploymentRecord> records = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, SELECT + where, parameters);
                 ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    records.add(read(r));
                }
            }
            return records;
        });
    }

    private static DeploymentRecord read(ResultSet r) throws SQLException {
        DeploymentStatus status = DeploymentStatus.parse(r.getString(2));
        Duration seen = sinceHeartbeat(r.getObject(15, OffsetDateTime.class), r.getObject(17, OffsetDateTime.class));
        int period = r.getInt(16);
        Duration staleAfter = Heartbeat.staleAfter(r.wasNull() ? Heartbeat.DEFAULT_PERIOD : Duration.ofMillis(period));
        // Never seen: started by a Flotilla from before heartbeats, whose process cannot be told alive. Its
        // process gone from this machine (kill -9): interrupted at once.
        if (status == DeploymentStatus.RUNNING && (seen == null || seen.compareTo(staleAfter) > 0
                || Runner.goneHere(r.getString(6), seen))) {
            status = DeploymentStatus.INTERRUPTED;
        }
        return new DeploymentRecord(r.getString(1), status, PlaneTime.read(r, 3),
                PlaneTime.read(r, 4), r.getString(5), r.getString(6), r.getString(7), r.getInt(8), r.getInt(9),
                r.getInt(10), r.getInt(11), r.getInt(12), r.getString(13), r.getString(14), seen, staleAfter,
                r.getString(18) == null ? null : new StopRequest(r.getString(18), PlaneTime.read(r, 19)));
    }

    /** How long ago the deployment was last seen alive, by the plane's clock; null when it never was. */
    private static Duration sinceHeartbeat(OffsetDateTime heartbeat, OffsetDateTime now) {
        return heartbeat == null ? null : Duration.between(heartbeat, now);
    }
}
