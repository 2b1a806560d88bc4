package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One tenant's task in a deployment: its state, attempts, timings, what it applied (or rolled back), its error
 * and log.
 *
 * @param code the failed task's error code; null otherwise, or for a task recorded before codes were
 * @param request for a rollback task, what to undo ({@code steps=2 newest=4}, {@code to=2}); null otherwise
 * @param reconciledAt for an interrupted task, when its target's history was read for what its dead process had applied
 *     (then in {@code applied}, its error {@code INTERRUPTED}); null while not read, and for every other task
 * @param migration for a failed task, the version (or script) its failure is about; null when about none, for every
 *     other task, and for a task recorded before it was kept
 * @param check for a task failed by a check ({@code CHECK_FAILED}), the id of the (first) check that failed; null otherwise
 * @param zone the time zone of the process that last started the task, in which it wrote the target's history times
 *     ({@code installed_on}); null for a task not started, or started before it was kept (control-plane V21)
 */
public record TaskRecord(String deploymentId, TenantId tenant, int seq, int wave, TaskStatus status, int attempts,
                         Instant startedAt, Instant finishedAt, List<String> applied, ErrorCode code, String error, String log,
                         String request, Instant reconciledAt, String migration, String check, ZoneId zone) {
    public TaskRecord {
        applied = List.copyOf(applied);
    }

    /** Whether the task's process died mid-task and its target's history has not been read for it yet. */
    public boolean awaitsReconciling() {
        return status == TaskStatus.INTERRUPTED && reconciledAt == null;
    }

    /** Milliseconds from start to finish, or null while unknown. */
    public Long millis() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
