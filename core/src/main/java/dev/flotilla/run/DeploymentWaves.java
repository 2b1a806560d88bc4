package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a deployment's pending waves, the canaries' first, each wave's tenants in parallel ({@link WaveRun}), with
 * the connections and the write-behind records they share; a tenant's task ({@link TenantTask}) reads back what a killed
 * run applied and, in a rollback, undoes what its request says.
 */
final class DeploymentWaves {
    private final ControlPlane plane;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final FleetOptions options;
    private final FleetListener listener;
    /** A resume given --continue-on-error again: a canary that failed earlier no longer holds the rest back. */
    private final boolean pastFailedCanary;

    DeploymentWaves(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                    FleetListener listener, boolean pastFailedCanary) {
        this.plane = plane;
        this.template = template;
        this.migrations = migrations;
        this.options = options;
        this.listener = listener;
        this.pastFailedCanary = pastFailedCanary;
    }

    /**
     * Runs the waves in order: a wave's tenants are skipped once a canary has failed, once any tenant has failed without
     * continue-on-error, or once a stop took effect. What this attempt did, tenant by tenant.
     *
     * @param before the deployment's tasks as this run found them
     * @param byId the tenants of the run; those the plane last saw at a version have a history table, which a run then
     *             reads in the lock's own round trip (a wrong guess costs a second one)
     */
    List<TaskResult> run(DeploymentRecord record, Map<Integer, List<TaskRecord>> waves, List<TaskRecord> before,
                         Map<TenantId, TenantTarget> byId, StopSignal stop) {
        // A canary that failed in an earlier attempt and is not tried again still holds the rest back.
        // (unless a resume was given --continue-on-error again: see ResumeRefusal).
        boolean stopped = !pastFailedCanary && before.stream().anyMatch(t -> t.wave() == 0 && t.status() == TaskStatus.FAILED);
        Set<TenantId> versioned = plane.tenants().versioned(byId.keySet());
        LoadedMigrations toRun = RecordedOptions.upToCeiling(record, migrations);
        int beyondCeiling = migrations.versioned().size() - toRun.versioned().size();
        Map<TenantId, RollbackRequest> rollbacks = rollbackRequests(record, before);
        List<TaskResult> results = new ArrayList<>();
        try (ConnectionReuse connections = new ConnectionReuse(options.concurrency());
             WriteBehind records = plane.writeBehind()) {
            List<List<TaskRecord>> ordered = List.copyOf(waves.values());
            for (int i = 0; i < ordered.size(); i++) {
                List<TaskRecord> wave = ordered.get(i);
                if (ordered.size() > 1 && !stopped && !stop.set()) {
                    listener.waveStarted(wave.get(0).wave(), wave.stream().map(TaskRecord::tenant).toList(),
                            i + 1 < ordered.size() ? ordered.get(i + 1).size() : 0);
                }
                WaveRun run = new WaveRun(new TenantTask(plane, records, record.id(), template, toRun, options, rollbacks,
                        connections, listener, versioned, beyondCeiling).recovering(interruptedTasks(before),
                        recordedApplied(before)),
                        options, listener, stop, byId);
                List<TaskResult> waveResults = stopped || stop.set() ? run.skipWave(wave, stopped, plane, record.id())
                        : run.run(wave, plane, record.id());
                records.flush();
                results.addAll(waveResults);
                boolean failed = waveResults.stream().anyMatch(r -> r.status() == TaskStatus.FAILED);
                boolean canaryWave = wave.get(0).wave() == 0;
                stopped |= failed && (canaryWave || !options.continueOnError());
            }
        }
        return results;
    }

    /** What each tenant's task of a rollback undoes; none for a deploy. */
    private static Map<TenantId, RollbackRequest> rollbackRequests(DeploymentRecord record, List<TaskRecord> tasks) {
        Map<TenantId, RollbackRequest> rollbacks = new LinkedHashMap<>();
        if (record.rollback()) {
            tasks.stream().filter(t -> t.request() != null).forEach(t -> rollbacks.put(t.tenant(), RollbackRequest.parse(t.request())));
        }
        return rollbacks;
    }

    /**
     * Each task an earlier run left unfinished (started, never ended: the process died), as that run recorded it (when it
     * began, in which time zone): what that run applied is read back from the tenant's history, so the task's record
     * holds it and a rollback undoes it.
     */
    private static Map<TenantId, TaskRecord> interruptedTasks(List<TaskRecord> tasks) {
        Map<TenantId, TaskRecord> since = new LinkedHashMap<>();
        tasks.stream().filter(t -> t.status() == TaskStatus.PENDING && t.startedAt() != null && t.finishedAt() == null)
                .forEach(t -> since.put(t.tenant(), t));
        return since;
    }

    /** What each task's earlier, finished runs recorded as applied (or undone), which its history shows too. */
    private static Map<TenantId, List<String>> recordedApplied(List<TaskRecord> tasks) {
        Map<TenantId, List<String>> recorded = new LinkedHashMap<>();
        tasks.forEach(t -> recorded.put(t.tenant(), t.applied()));
        return recorded;
    }
}
