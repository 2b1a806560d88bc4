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
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
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
    /** What requires a resume's tenants to be tested (deploy.requireTested, --require-tested); null when nothing does. */
    private final String testsRequiredBy;

    public FleetRunner(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                       FleetListener listener) {
        this(plane, template, migrations, options, listener, null, false, null);
    }

    private FleetRunner(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                        FleetListener listener, MigrationVersion ceiling, boolean pastFailedCanary, String testsRequiredBy) {
        // What the run keeps in the plane is masked of the template's secret placeholders, however the runner was built.
        SecretPlaceholderMask.register(plane, template);
        this.plane = plane;
        this.template = template;
        this.migrations = migrations;
        this.options = options;
        this.listener = listener;
        this.ceiling = ceiling;
        this.pastFailedCanary = pastFailedCanary;
        this.testsRequiredBy = testsRequiredBy;
    }

    /**
     * A runner whose new deployment takes its tenants no further than {@code version}: the files after it stay
     * pending, and the tenants' state says so.
     */
    public FleetRunner upTo(MigrationVersion version) {
        return new FleetRunner(plane, template, migrations, options, listener, version, pastFailedCanary, testsRequiredBy);
    }

    /**
     * A runner whose resume or retry ({@link #resume}, {@link #reopening}) is refused, before anything is reopened, as a
     * new deploy requiring tests is ({@link NotTestedRefusal}), when a tenant it would run again has no passing dry run
     * of exactly what it would apply there since the tenant last changed; {@code requiredBy} names the setting or flag
     * that requires it, null for none. A new deployment's tenants are checked by its caller, who planned them.
     */
    public FleetRunner requiringTests(String requiredBy) {
        return new FleetRunner(plane, template, migrations, options, listener, ceiling, pastFailedCanary, requiredBy);
    }

    /** Starts a new deployment to {@code tenants}; its id is given to the listener before any tenant runs. */
    public DeployResult deploy(List<TenantTarget> tenants) {
        return deploy(tenants, null);
    }

    /**
     * As above, for the command line: its {@code deploy.started} entry also says what it was asked for and where
     * ({@code start}; null for a console or API request, whose own entry says it).
     */
    public DeployResult deploy(List<TenantTarget> tenants, CommandLineStart start) {
        if (tenants.isEmpty()) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "No tenant selected: register tenants with"
                    + " `flotilla tenants add`, or check --tenants / --group.");
        }
        List<TenantId> canary = canaryWave(tenants).tenants();
        List<DeploymentStore.NewTask> tasks = tenants.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), canary.contains(t.tenant().id()) ? 0 : 1)).toList();
        String id = plane.deployments().create(options.actor(), describe(), tasks);
        plane.audit().record(options.actor(), "deploy.started", null, id, tenants.size() + " tenant(s); " + describe()
                + (start == null ? "" : "; " + start.asked()));
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
        // A deployment that required tested tenants keeps requiring them when it is continued without the flag.
        String requiredBy = testsRequiredBy != null ? testsRequiredBy : RecordedOptions.testsRequired(record.options())
                ? "--require-tested (as " + record.id() + " was started with it)" : null;
        FleetRunner runner = new FleetRunner(plane, template.withPolicy(recordedOptions.policy(template.policy())), migrations,
                recordedOptions.over(options, explicit), listener, ceiling, continueOnError && !failedOnly, requiredBy);
        LoadedMigrations applied = RecordedOptions.upToCeiling(record, migrations);
        List<TenantPlan> plans = ResumeValidation.require(record, tasks, failedOnly, registered, runner.template, applied,
                runner.options);
        if (requiredBy != null) {
            ContinuedTests.require(plane, record, tasks, failedOnly, continueOnError, plans, applied, migrations,
                    runner.template.policy().allowOutOfOrder(), requiredBy);
        }
        return runner;
    }

    private DeployResult resume(DeploymentRecord record, List<TenantTarget> registered, boolean failedOnly) {
        String deployment = record.id();
        List<TaskStatus> reopen = failedOnly ? List.of(TaskStatus.FAILED)
                : List.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.SKIPPED);
        int reopened = plane.deployments().reopen(deployment, reopen);
        String kind = record.rollback() ? "rollback" : "deploy";
        plane.audit().record(options.actor(), kind + (failedOnly ? ".retry-failed" : ".resumed"), null, deployment,
                reopened + " task(s) reopened" + (template.policy().allowOutOfOrder() ? "; " + RecordedOptions.OUT_OF_ORDER_WORD : "")
                        + (options.hooks().maintenanceOff() ? "; " + RecordedOptions.MAINTENANCE_OFF_WORD : ""));
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

    /** One run of the deployment: its hooks around its waves, then its outcome (the earlier attempts' failures too). */
    private DeployResult runPending(String deployment, List<TenantTarget> registered, StopSignal stop) {
        long start = System.nanoTime();
        Map<TenantId, TenantTarget> byId = new LinkedHashMap<>();
        registered.forEach(t -> byId.put(t.tenant().id(), t));
        Map<Integer, List<TaskRecord>> waves = pendingWaves(deployment);
        listener.deploymentStarted(deployment, waves.values().stream().mapToInt(List::size).sum());
        DeploymentRecord record = plane.deployments().require(deployment);
        DeploymentHooks hooks = new DeploymentHooks(plane, options, record, registered);
        hooks.before();
        List<TaskRecord> before = plane.deployments().tasks(deployment);
        List<TaskResult> results = new ArrayList<>(new DeploymentWaves(plane, template, migrations, options, listener,
                pastFailedCanary).run(record, waves, before, byId, stop));
        Problem afterHook = hooks.after();
        if (options.backup() != null) {
            dev.flotilla.backup.Backups backups = new dev.flotilla.backup.Backups(plane, options.backup().dir());
            // Every backup of it failed (or none was needed): the folder its tasks made for them stays empty.
            backups.discardIfEmpty(deployment);
            backups.prune(options.backup().keep());
        }
        results.addAll(DeploymentOutcome.failedEarlier(record, before, byId));
        DeployResult result = new DeployResult(deployment, results, ApplyingExecutor.millisSince(start), afterHook,
                stop.tookEffect(), DeploymentOutcome.notStarted(before, results));
        DeploymentOutcome.record(plane, options.actor(), record, result);
        return result;
    }

    /** The deployment's pending tasks by wave, the canaries' (wave 0) first. */
    private Map<Integer, List<TaskRecord>> pendingWaves(String deployment) {
        return new TreeMap<>(plane.deployments().tasks(deployment).stream()
                .filter(t -> t.status() == TaskStatus.PENDING).collect(Collectors.groupingBy(TaskRecord::wave)));
    }

    /** The stop took effect: this process starts no new tenant from now on (audited as the one who asked it). */
    private void auditStopping(String deployment, dev.flotilla.control.StopRequest stop) {
        DeploymentRecord record = plane.deployments().require(deployment);
        plane.audit().record(stop.by(), (record.rollback() ? "rollback" : "deploy") + ".stopping", null, deployment,
                "the stop asked " + stop.at() + " took effect in " + record.runner() + " with "
                + (record.succeeded() + record.failed() + record.skipped()) + " of " + record.total() + " tenant(s) done:"
                + " no new tenant starts, those in flight finish", "ok", null);
    }

    /**
     * The first wave of a deployment to {@code tenants}: the canaries, with the tenants sharing their targets
     * (shared-schema), whose migrations are the canaries' own; refused when that would be every tenant.
     */
    public SharedTargets.CanaryWave canaryWave(List<TenantTarget> tenants) {
        return SharedTargets.canaryWave(Canaries.of(options, tenants), tenants);
    }

    private String describe() {
        return RecordedOptions.written(options, template.policy(), ceiling, migrations)
                + (testsRequiredBy == null ? "" : " " + RecordedOptions.REQUIRE_TESTED_WORD);
    }
}
