package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One row of deployment_tasks as {@link DeploymentStore#tasks} reads it: a {@link TaskRecord}. */
final class TaskRow {
    private TaskRow() {
    }

    /**
     * The task at {@code r}'s row; one recorded running in a deployment that is {@code interrupted} is interrupted, with
     * what its dead process applied.
     */
    static TaskRecord read(ResultSet r, boolean interrupted) throws SQLException {
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
