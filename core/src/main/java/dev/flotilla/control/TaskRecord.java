package dev.flotilla.control;

import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** One tenant's task in a deployment: its state, attempts, timings, what it applied, its error and log. */
public record TaskRecord(String deploymentId, TenantId tenant, int seq, int wave, TaskStatus status, int attempts,
                         Instant startedAt, Instant finishedAt, List<String> applied, String error, String log) {
    public TaskRecord {
        applied = List.copyOf(applied);
    }

    /** Milliseconds from start to finish, or null while unknown. */
    public Long millis() {
        return startedAt == null || finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
