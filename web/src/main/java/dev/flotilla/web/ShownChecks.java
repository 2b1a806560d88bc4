package dev.flotilla.web;

import dev.flotilla.control.TaskRecord;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The check counts of the tenants a deployment's page shows, for its live progress: checks are written only as a task
 * ends, so they are read again only when a task has ended since the last read (how many have, and the newest end, differ)
 * or other tenants are shown, not on every poll. One per deployment watched live (or page); not thread-safe.
 */
final class ShownChecks {
    private final Function<List<TenantId>, Map<TenantId, CheckTally>> read;
    private Object readFor;
    private Map<TenantId, CheckTally> tallies = Map.of();

    /** {@code read} reads the deployment's checks of the tenants given, from the control plane. */
    ShownChecks(Function<List<TenantId>, Map<TenantId, CheckTally>> read) {
        this.read = read;
    }

    /** The counts of {@code shown}'s tenants, read again only if a task of {@code tasks} has ended since the last read. */
    Map<TenantId, CheckTally> of(List<TaskRecord> tasks, List<TaskRecord> shown) {
        List<TenantId> tenants = shown.stream().map(TaskRecord::tenant).toList();
        List<TaskRecord> ended = tasks.stream().filter(t -> t.finishedAt() != null).toList();
        Instant newestEnd = ended.stream().map(TaskRecord::finishedAt).max(Comparator.naturalOrder()).orElse(null);
        Object now = List.of(ended.size(), Objects.toString(newestEnd), tenants);
        if (!now.equals(readFor)) {
            tallies = read.apply(tenants);
            readFor = now;
        }
        return tallies;
    }
}
