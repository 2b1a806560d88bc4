package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of deployment_tasks as {@link DeploymentStore#tasks} reads them: {@link TaskRecord}s. */
final class TaskRow {
    private TaskRow() {
    }

    /**
     * The tasks {@code where} (a clause over {@code t}, joins first) selects, in its order; those recorded running are
     * interrupted when {@code interrupted}.
     */
    static List<TaskRecord> select(ControlPlane plane, String where, boolean interrupted, Object... parameters) {
        return plane.with("reading tasks", c -> {
            List<TaskRecord> tasks = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT t.deployment_id, t.tenant_id, t.seq, t.wave, t.status,"
                    + " t.attempts, t.started_at, t.finished_at, t.applied, t.error_code, t.error, t.log, t.request,"
                    + " t.interrupted_applied, t.reconciled_at, t.failed_migration, t.failed_check, t.time_zone"
                    + " FROM deployment_tasks t " + where, parameters); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    tasks.add(read(r, interrupted));
                }
            }
            return tasks;
        });
    }

    /**
     * The task at {@code r}'s row; one recorded running in a deployment that is {@code interrupted} is interrupted, with
     * what its dead process applied.
     */
    private static TaskRecord read(ResultSet r, boolean interrupted) throws SQLException {
        TaskStatus status = TaskStatus.parse(r.getString(5));
        boolean cutOff = interrupted && status == TaskStatus.RUNNING;
        // What the dead process applied counts while the task stays interrupted: a resume reads it back itself.
        List<String> applied = new ArrayList<>(versions(r.getString("applied")));
        if (cutOff) {
            applied.addAll(versions(r.getString("interrupted_applied")));
        }
        return new TaskRecord(r.getString(1), TenantId.of(r.getString(2)), r.getInt(3), r.getInt(4),
                cutOff ? TaskStatus.INTERRUPTED : status, r.getInt(6), PlaneTime.read(r, 7),
                PlaneTime.read(r, 8), applied, code(r.getString("error_code")), r.getString("error"),
                r.getString("log"), r.getString("request"), cutOff ? PlaneTime.read(r, "reconciled_at") : null,
                r.getString("failed_migration"), r.getString("failed_check"), zone(r.getString("time_zone")));
    }

    private static List<String> versions(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** The zone a task's process ran in; null when not kept, or not one this JVM knows (it is then read as before V21). */
    private static ZoneId zone(String id) {
        try {
            return id == null ? null : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static ErrorCode code(String name) {
        try {
            return name == null ? null : ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL; // written by a newer Flotilla with a code this one does not know
        }
    }
}
