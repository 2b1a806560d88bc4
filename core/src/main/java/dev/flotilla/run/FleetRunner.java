package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.Heartbeat;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Problem;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Takes the pending migrations to many tenants: canary wave first, then the rest, in parallel within the
 * concurrency and per-server limits, stopping new work after a failure unless told to continue. Every
 * task's state is in the control plane, so a deployment interrupted by a crash can be resumed; the target
 * lock and the history tables make sure nothing is applied twice, even by two deployments at once.
 */
public final class FleetRunner {
    private final ControlPlane plane;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final FleetOptions options;
    private final FleetListener listener;
    private final MigrationVersion ceiling;
    /** A resume given --continue-on-error again: a canary that failed earlier no longer holds the rest back. */
    private final boolean pastFailedCanary;

    public FleetRunner(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                       FleetListener listener) {
        this(plane, template, migrations, options, listener, null, false);
    }

    private FleetRunner(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                        FleetListener listener, MigrationVersion ceiling, boolean pastFailedCanary) {
        this.plane = plane;
        this.template = template;
        this.migrations = migrations;
        this.options = options;
        this.listener = listener;
        this.ceiling = ceiling;
        this.pastFailedCanary = pastFailedCanary;
    }

    /**
     * A runner whose new deployment takes its tenants no further than {@code version}: the files after it stay
     * pending, and the tenants' state says so.
     */
    public FleetRunner upTo(MigrationVersion version) {
        return new FleetRunner(plane, template, migrations, options, listener, version, pastFailedCanary);
    }

    /** Starts a new deployment to {@code tenants}; its id is given to the listener before any tenant runs. */
    public DeployResult deploy(List<TenantTarget> tenants) {
        if (tenants.isEmpty()) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "No tenant selected: register tenants with"
                    + " `flotilla tenants add`, or check --tenants / --group.");
        }
        List<TenantId> canary = canaryWave(tenants).tenants();
        List<DeploymentStore.NewTask> tasks = tenants.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), canary.contains(t.tenant().id()) ? 0 : 1)).toList();
        String id = plane.deployments().create(options.actor(), describe(), tasks);
        plane.audit().record(options.actor(), "deploy.started", null, id, tenants.size() + " tenant(s); " + describe());
        return run(id, tenants);
    }

    /**
     * Continues a deployment: its pending, running (interrupted) and skipped tasks, or with {@code failedOnly}
     * only its failed ones.
     */
    public DeployResult resume(String deployment, List<TenantTarget> registered, boolean failedOnly) {
        return resume(deployment, registered, failedOnly, Set.of());
    }

    /**
     * As above, with the deployment's recorded concurrency, per-server limit and continue-on-error (see
     * {@link RecordedOptions}) except those {@code explicit} names, which this runner's options give. Refused before
     * anything is reopened or recorded when the files are wrong on the tenants it would run ({@link FilesRefusal}).
     */
    public DeployResult resume(String deployment, List<TenantTarget> registered, boolean failedOnly,
                               Set<RecordedOptions.Override> explicit) {
        DeploymentRecord record = plane.deployments().require(deployment);
        return continuing(record, registered, failedOnly, explicit).resume(record, registered, failedOnly);
    }

    /**
     * How many tasks {@link #resume(String, List, boolean, Set)} would reopen, refused as it would refuse them (the files
     * checked on the tenants it would run included), without reopening or recording anything: what a caller confirms
     * before it resumes.
     */
    public int reopening(String deployment, List<TenantTarget> registered, boolean failedOnly,
                         Set<RecordedOptions.Override> explicit) {
        continuing(plane.deployments().require(deployment), registered, failedOnly, explicit);
        Set<TaskStatus> reopened = ResumeRefusal.reopened(failedOnly);
        return (int) plane.deployments().tasks(deployment).stream().filter(t -> reopened.contains(t.status())).count();
    }

    /**
     * A runner with the deployment's recorded options but for those {@code explicit} names, once the resume (or retry)
     * is found allowed: refused otherwise, the files checked on the tenants it would run included.
     */
    private FleetRunner continuing(DeploymentRecord record, List<TenantTarget> registered, boolean failedOnly,
                                   Set<RecordedOptions.Override> explicit) {
        boolean continueOnError = explicit.contains(RecordedOptions.Override.CONTINUE_ON_ERROR);
        List<TaskRecord> tasks = plane.deployments().tasks(record.id());
        ResumeRefusal.require(record, tasks, failedOnly, continueOnError);
        ResumeRefusal.requireNotSuperseded(plane, record, tasks, failedOnly);
        if (record.status() == DeploymentStatus.RUNNING) {
            throw AliveDeployment.refusal(record, "resumed");
        }
        RecordedOptions recordedOptions = RecordedOptions.parse(record.options());
        FleetRunner runner = new FleetRunner(plane, template.withPolicy(recordedOptions.policy(template.policy())), migrations,
                recordedOptions.over(options, explicit), listener, ceiling, continueOnError && !failedOnly);
        ResumeValidation.require(record, tasks, failedOnly, registered, runner.template,
                RecordedOptions.upToCeiling(record, migrations), runner.options);
        return runner;
    }

    private DeployResult resume(DeploymentRecord record, List<TenantTarget> registered, boolean failedOnly) {
        String deployment = record.id();
        List<TaskStatus> reopen = failedOnly ? List.of(TaskStatus.FAILED)
                : List.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.SKIPPED);
        int reopened = plane.deployments().reopen(deployment, reopen);
        String kind = record.rollback() ? "rollback" : "deploy";
        plane.audit().record(options.actor(), kind + (failedOnly ? ".retry-failed" : ".resumed"), null, deployment,
                reopened + " task(s) reopened" + (template.policy().allowOutOfOrder() ? "; " + RecordedOptions.OUT_OF_ORDER_WORD : ""));
        return run(deployment, registered);
    }

    /** Runs a deployment (or rollback) just created with pending tasks. */
    DeployResult resumeNew(String deployment, List<TenantTarget> registered) {
        return run(deployment, registered);
    }

    /**
     * Runs the deployment's pending tasks, marking it alive in the control plane meanwhile; a stop asked for there, read
     * with the heartbeat, starts no new tenant.
     */
    private DeployResult run(String deployment, List<TenantTarget> registered) {
        StopSignal stop = new StopSignal(listener, seen -> auditStopping(deployment, seen));
        try (Heartbeat alive = plane.stopRequests().beating(deployment, stop::requested)) {
            return runPending(deployment, registered, stop);
        }
    }

    private DeployResult runPending(String deployment, List<TenantTarget> registered, StopSignal stop) {
        long start = System.nanoTime();
        Map<TenantId, TenantTarget> byId = new LinkedHashMap<>();
        registered.forEach(t -> byId.put(t.tenant().id(), t));
        Map<Integer, List<TaskRecord>> waves = new TreeMap<>(plane.deployments().tasks(deployment).stream()
                .filter(t -> t.status() == TaskStatus.PENDING).collect(Collectors.groupingBy(TaskRecord::wave)));
        listener.deploymentStarted(deployment, waves.values().stream().mapToInt(List::size).sum());
        DeploymentRecord record = plane.deployments().require(deployment);
        Map<TenantId, RollbackRequest> rollbacks = new LinkedHashMap<>();
        if (record.rollback()) {
            plane.deployments().tasks(deployment).stream().filter(t -> t.request() != null)
                    .forEach(t -> rollbacks.put(t.tenant(), RollbackRequest.parse(t.request())));
        }
        String kind = record.rollback() ? "rollback" : "deploy";
        List<TaskResult> results = new ArrayList<>();
        try {
            deploymentHook(options.hooks().beforeDeployment(), "beforeDeployment", deployment, registered);
        } catch (FlotillaException e) {
            // Nothing ran: the deployment ends failed, its tasks pending, for a --resume once the hook is fixed.
            plane.audit().record(options.actor(), kind + ".finished", null, deployment, "beforeDeployment hook failed", "failed",
                    null);
            plane.deployments().finish(deployment, DeploymentStatus.FAILED);
            throw new FlotillaException(e.code(), e.getMessage() + " Nothing ran: " + deployment + " ended failed with every"
                    + " tenant pending; fix the hook, then `flotilla deploy --resume " + deployment + "`.", e);
        }
        List<TaskRecord> before = plane.deployments().tasks(deployment);
        // A canary that failed in an earlier attempt and is not tried again still holds the rest back.
        // (unless a resume was given --continue-on-error again: see ResumeRefusal).
        boolean stopped = !pastFailedCanary && before.stream().anyMatch(t -> t.wave() == 0 && t.status() == TaskStatus.FAILED);
        Set<TenantId> versioned = versionedTenants(byId.keySet());
        LoadedMigrations toRun = RecordedOptions.upToCeiling(record, migrations);
        int beyondCeiling = migrations.versioned().size() - toRun.versioned().size();
        try (ConnectionReuse connections = new ConnectionReuse(options.concurrency());
             WriteBehind records = plane.writeBehind()) {
            for (List<TaskRecord> wave : waves.values()) {
                WaveRun run = new WaveRun(new TenantTask(plane, records, deployment, template, toRun, options, rollbacks,
                        connections, listener, versioned, beyondCeiling).recovering(interruptedSince(before)),
                        options, listener, stop, byId);
                List<TaskResult> waveResults = stopped || stop.set() ? run.skipWave(wave, stopped, plane, deployment)
                        : run.run(wave, plane, deployment);
                records.flush();
                results.addAll(waveResults);
                boolean failed = waveResults.stream().anyMatch(r -> r.status() == TaskStatus.FAILED);
                boolean canaryWave = wave.get(0).wave() == 0;
                stopped |= failed && (canaryWave || !options.continueOnError());
            }
        }
        Problem afterHook = null;
        try {
            deploymentHook(options.hooks().afterDeployment(), "afterDeployment", deployment, registered);
        } catch (FlotillaException e) {
            // Every tenant's task has ended as it ended: the deployment is still finished (failed), not left "running".
            afterHook = new Problem(e.code(), e.getMessage() + " Every tenant's migrations ran as reported; run the hook's"
                    + " work by hand.", null);
        }
        if (options.backup() != null) {
            new dev.flotilla.backup.Backups(plane, options.backup().dir()).prune(options.backup().keep());
        }
        // The deployment's outcome, not only this attempt's: a tenant that failed before and was not tried again
        // still failed (a resume continues the others; --retry-failed takes it up).
        before.stream().filter(t -> t.status() == TaskStatus.FAILED)
                .forEach(t -> results.add(new TaskResult(t.tenant(), TenantTarget.nameOf(byId.get(t.tenant())),
                        TaskStatus.FAILED, t.applied(), 0, t.attempts(), t.code() == null ? ErrorCode.INTERNAL : t.code(),
                        "failed in an earlier attempt of this " + kind + ", not tried again (`flotilla deploy --retry-failed "
                        + deployment + "` does): " + t.error(), null)));
        DeployResult result = new DeployResult(deployment, results, ApplyingExecutor.millisSince(start), afterHook,
                stop.tookEffect());
        DeploymentStatus status = result.stopped() != null ? DeploymentStatus.STOPPED
                : result.ok() ? DeploymentStatus.SUCCEEDED : DeploymentStatus.FAILED;
        // Audited first: whoever waits for the deployment's final status finds its entry in the audit log.
        plane.audit().record(options.actor(), kind + ".finished", null, deployment, result.count(TaskStatus.SUCCEEDED)
                + " succeeded, " + result.count(TaskStatus.FAILED) + " failed, " + result.count(TaskStatus.SKIPPED) + " skipped"
                + (afterHook == null ? "" : "; afterDeployment hook failed") + stoppedBy(result.stopped(), kind),
                result.ok() ? "ok" : status.word(), null);
        plane.deployments().finish(deployment, status);
        return result;
    }

    /** The stop took effect: this process starts no new tenant from now on (audited as the one who asked it). */
    private void auditStopping(String deployment, dev.flotilla.control.StopRequest stop) {
        DeploymentRecord record = plane.deployments().require(deployment);
        plane.audit().record(stop.by(), (record.rollback() ? "rollback" : "deploy") + ".stopping", null, deployment,
                "the stop asked " + stop.at() + " took effect in " + record.runner() + " with "
                + (record.succeeded() + record.failed() + record.skipped()) + " of " + record.total() + " tenant(s) done:"
                + " no new tenant starts, those in flight finish", "ok", null);
    }

    /** Who stopped the run and when they asked, for the audit log's entry of its end (which says when it took effect). */
    private static String stoppedBy(dev.flotilla.control.StopRequest stop, String kind) {
        return stop == null ? "" : "; stopped at the request of " + stop.by() + " (asked " + stop.at() + "): tenants not"
                + " started were skipped, `flotilla " + kind + " --resume` continues it";
    }

    /**
     * When each task an earlier run left unfinished (started, never ended: the process died) began: what that run
     * applied is read back from the tenant's history, so the task's record holds it and a rollback undoes it.
     */
    private static Map<TenantId, java.time.Instant> interruptedSince(List<TaskRecord> tasks) {
        Map<TenantId, java.time.Instant> since = new LinkedHashMap<>();
        tasks.stream().filter(t -> t.status() == TaskStatus.PENDING && t.startedAt() != null && t.finishedAt() == null)
                .forEach(t -> since.put(t.tenant(), t.startedAt()));
        return since;
    }

    /**
     * Runs a deployment's hook; its failure, which quotes what the hook printed, has every tenant's password masked
     * (a hook may print what it was given).
     */
    private static void deploymentHook(String hook, String event, String deployment, List<TenantTarget> registered) {
        try {
            HookRunner.run(hook, event, null, deployment);
        } catch (FlotillaException e) {
            throw new FlotillaException(e.code(), TenantTarget.scrubbed(registered, e.getMessage()));
        }
    }

    /**
     * The tenants the control plane last saw at a version: their targets have a history table, which a run can
     * then read in the lock's own round trip (a wrong guess costs a second one).
     */
    private Set<TenantId> versionedTenants(Set<TenantId> running) {
        return plane.tenants().all().stream().filter(r -> r.currentVersion() != null && running.contains(r.tenant().id()))
                .map(r -> r.tenant().id()).collect(Collectors.toSet());
    }

    /**
     * The first wave of a deployment to {@code tenants}: the canaries, with the tenants sharing their targets
     * (shared-schema), whose migrations are the canaries' own; refused when that would be every tenant.
     */
    public SharedTargets.CanaryWave canaryWave(List<TenantTarget> tenants) {
        return SharedTargets.canaryWave(Canaries.of(options, tenants), tenants);
    }

    private String describe() {
        return RecordedOptions.written(options, template.policy(), ceiling, migrations);
    }
}
