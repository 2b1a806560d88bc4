package dev.flotilla.run;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TaskEnd;
import dev.flotilla.control.TaskError;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of a task records after its start (which is flushed, so never taken in here): the migrations pending as
 * read under the target lock, its log's lines as they are written, its end. Written in order, a later record overwrites
 * or adds to an earlier: the end sets the pending count again and adds its log to the lines before it. So the plane's
 * writer, holding several in one batch (at concurrency 1: a tenant's pending count, its lines and its end), writes one
 * ({@link #then}): one statement a table in place of one a record, in the same transaction.
 *
 * @param task whose records these are: one run of one task, the key records are taken together by
 * @param pending the migrations pending, or null when this record does not say (the end sets them itself)
 * @param lines log lines, whole, masked; empty for none
 * @param linesFirst whether {@code lines} are the first of this run of the task (after an earlier run's log, if any)
 * @param end the task's end, or null while it runs
 */
record TaskProgress(Task task, Integer pending, String lines, boolean linesFirst, End end)
        implements WriteBehind.Coalescing<TaskProgress> {
    /** The run of a task the records are of: compared by identity, as a run's records are its own. */
    static final class Task {
        private final ControlPlane plane;
        private final String deployment;
        private final List<TenantId> tenants;

        Task(ControlPlane plane, String deployment, List<TenantId> tenants) {
            this.plane = plane;
            this.deployment = deployment;
            this.tenants = List.copyOf(tenants);
        }

        ControlPlane plane() {
            return plane;
        }
    }

    /**
     * @param log the log the end adds, the lines not written before it, masked
     * @param logStarted whether lines of this run's log were written before it (it adds to them, with no separator)
     */
    record End(Map<TenantId, TaskOutcome> outcomes, List<String> applied, String log, boolean logStarted, Instant at,
               int attempts) {
    }

    static TaskProgress pending(Task task, int count) {
        return new TaskProgress(task, count, "", false, null);
    }

    static TaskProgress logged(Task task, String lines, boolean first) {
        return new TaskProgress(task, null, lines, first, null);
    }

    static TaskProgress ended(Task task, End end) {
        return new TaskProgress(task, null, "", false, end);
    }

    @Override
    public Object key() {
        return task;
    }

    @Override
    public TaskProgress then(TaskProgress later) {
        if (end != null) {
            throw new IllegalStateException("A task's end is its last record; got another after it, in " + task.deployment);
        }
        Integer count = later.end != null ? null : later.pending != null ? later.pending : pending;
        boolean first = lines.isEmpty() ? later.linesFirst : linesFirst;
        return new TaskProgress(task, count, lines + later.lines, first, later.end);
    }

    @Override
    public void write() {
        if (end != null) {
            end.outcomes().forEach(this::writeEnd);
            return;
        }
        for (TenantId tenant : task.tenants) {
            if (pending != null) {
                task.plane.tenants().updatePending(tenant, pending);
            }
            if (!lines.isEmpty()) {
                task.plane.deployments().taskLogged(task.deployment, tenant, lines, linesFirst);
            }
        }
    }

    /** The task's end, its log after the lines taken in with it, and the tenant's state (its pending count too). */
    private void writeEnd(TenantId id, TaskOutcome o) {
        TaskFailure failed = o.failure();
        boolean logStarted = lines.isEmpty() ? end.logStarted() : !linesFirst;
        task.plane.deployments().taskFinished(task.deployment, id, new TaskEnd(o.status(), end.applied(), failed == null
                ? TaskError.of(null, o.error())
                : new TaskError(failed.code(), o.error(), failed.migration(), failed.check()),
                lines + end.log(), end.at(), end.attempts(), logStarted));
        if (o.versionKnown()) {
            task.plane.tenants().updateState(id, o.state(), o.version(), o.pending(), task.deployment, o.error());
        } else {
            task.plane.tenants().updateStateKeepingVersion(id, o.state(), o.pending(), task.deployment, o.error());
        }
    }
}
