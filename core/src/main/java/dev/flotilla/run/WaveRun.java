package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TaskEnd;
import dev.flotilla.control.TaskError;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One wave of a deployment: its tasks in parallel on a pool of {@code concurrency} threads, at most
 * {@code perServer} on one database server. After a failure (unless continuing on error) tasks not yet
 * started are skipped; those in flight finish. Tenants sharing one target run as one task.
 */
final class WaveRun {
    private final TenantTask task;
    private final FleetOptions options;
    private final FleetListener listener;
    private final ServerLimits limits;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final StopSignal stopRequest;
    /** The tenants registered, with their targets: a task's result names its tenant's. */
    private final Map<TenantId, TenantTarget> registered;

    WaveRun(TenantTask task, FleetOptions options, FleetListener listener, StopSignal stopRequest,
            Map<TenantId, TenantTarget> registered) {
        this.task = task;
        this.registered = registered;
        this.stopRequest = stopRequest;
        this.options = options;
        this.listener = listener;
        this.limits = new ServerLimits(options.perServer());
    }

    List<TaskResult> run(List<TaskRecord> wave, ControlPlane plane, String deployment) {
        List<TaskResult> results = new ArrayList<>();
        Map<String, List<TenantTarget>> groups = new LinkedHashMap<>();
        for (TaskRecord record : wave) {
            TenantTarget target = registered.get(record.tenant());
            if (target == null) {
                String error = "Tenant " + record.tenant() + " is no longer registered in the control plane.";
                plane.deployments().taskFinished(deployment, record.tenant(), TaskEnd.of(TaskStatus.FAILED, List.of(),
                        TaskError.of(ErrorCode.TENANT_NOT_FOUND, error), error, java.time.Instant.now()));
                results.add(report(new TaskResult(record.tenant(), null, TaskStatus.FAILED, List.of(), 0, 0,
                        ErrorCode.TENANT_NOT_FOUND, error, null)));
            } else {
                groups.computeIfAbsent(target.targetKey(), k -> new ArrayList<>()).add(target);
            }
        }
        Parallel.map(new ArrayList<>(groups.values()), options.concurrency(), "deploying",
                group -> runGroup(group, plane, deployment)).forEach(results::addAll);
        return results;
    }

    private List<TaskResult> runGroup(List<TenantTarget> group, ControlPlane plane, String deployment) throws Exception {
        List<TenantId> ids = group.stream().map(t -> t.tenant().id()).toList();
        if (stop.get() || stopRequest.set()) {
            return skipAll(ids, plane, deployment);
        }
        return limits.within(group.get(0), () -> {
            if (stop.get() || stopRequest.set()) {
                return skipAll(ids, plane, deployment);
            }
            ids.forEach(listener::taskStarted);
            List<TaskResult> results = task.run(group);
            if (!options.continueOnError() && results.stream().anyMatch(r -> r.status() == TaskStatus.FAILED)) {
                stop.set(true);
            }
            return results; // reported by the task once its records are committed
        });
    }

    /** Skips a whole wave not started: after an earlier wave's failure, or because a stop was asked for. */
    List<TaskResult> skipWave(List<TaskRecord> wave, boolean afterFailure, ControlPlane plane, String deployment) {
        stop.compareAndSet(false, afterFailure);
        return skipAll(wave.stream().map(TaskRecord::tenant).toList(), plane, deployment);
    }

    /**
     * Skips tasks not started: after an earlier tenant failed, or (that not being so) because a stop was asked for, which
     * then counts them.
     */
    private List<TaskResult> skipAll(List<TenantId> tenants, ControlPlane plane, String deployment) {
        if (!stop.get() && stopRequest.set()) {
            stopRequest.leftOut(tenants.size());
            return skip(tenants, plane, deployment, stopRequest.reason());
        }
        return skip(tenants, plane, deployment, "skipped: an earlier tenant failed");
    }

    /** Marks the tasks skipped in one commit (a wave of 1,000 would otherwise take 1,000 of them). */
    private List<TaskResult> skip(List<TenantId> tenants, ControlPlane plane, String deployment, String reason) {
        java.time.Instant now = java.time.Instant.now();
        plane.together("skipping tasks", () -> tenants.forEach(tenant -> plane.deployments().taskFinished(deployment,
                tenant, TaskEnd.of(TaskStatus.SKIPPED, List.of(), TaskError.NONE, reason, now))));
        List<TaskResult> results = new ArrayList<>();
        for (TenantId tenant : tenants) {
            results.add(report(new TaskResult(tenant, TenantTarget.nameOf(registered.get(tenant)), TaskStatus.SKIPPED,
                    List.of(), 0, 0, null, null, null)));
        }
        return results;
    }

    private TaskResult report(TaskResult result) {
        listener.taskFinished(result);
        return result;
    }
}
