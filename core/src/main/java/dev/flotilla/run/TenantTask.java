package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckTally;
import dev.flotilla.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Migrates one target for the tenants that share it (one tenant, except in shared-schema mode), with the
 * tenant hooks around it, bounded retries of transient failures ({@link TaskRetries}), the checks after it
 * ({@link ChecksAfterDeploy}), and every state change written to the control plane as it happens (at its end, each
 * tenant's {@link TaskOutcome}): its start committed before anything reaches the target, the rest write-behind.
 */
final class TenantTask {
    private final ControlPlane plane;
    /** Where the task's own records go: committed on the writer's thread, in order. */
    private final WriteBehind records;
    private final String deployment;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final FleetOptions fleet;
    private final Map<TenantId, RollbackRequest> rollbacks;
    private final ConnectionSource connections;
    private final FleetListener listener;
    /** Tenants last seen at a version, whose history table can be read with the lock. */
    private final java.util.Set<TenantId> versioned;
    /** Versioned files after the deployment's ceiling ({@code upTo}): pending still once it succeeded. */
    private final int beyondCeiling;
    private final ChecksAfterDeploy checks;
    private final TaskRetries retries;
    private final HistoryReadBack readBack;
    /** For a tenant whose task an earlier, killed run left unfinished: that task as the killed run recorded it. */
    private Map<TenantId, dev.flotilla.control.TaskRecord> interrupted = Map.of();
    /** What each tenant's task recorded as applied (or undone) in the deployment's earlier, finished runs. */
    private Map<TenantId, List<String>> recorded = Map.of();

    /**
     * @param rollbacks for a rollback deployment, what to undo on each tenant; empty for a deployment, whose
     *     tasks migrate
     */
    TenantTask(ControlPlane plane, WriteBehind records, String deployment, TargetOptions template,
               LoadedMigrations migrations, FleetOptions fleet, Map<TenantId, RollbackRequest> rollbacks,
               ConnectionSource connections, FleetListener listener, java.util.Set<TenantId> versioned, int beyondCeiling) {
        this.versioned = java.util.Set.copyOf(versioned);
        this.beyondCeiling = beyondCeiling;
        this.connections = connections;
        this.listener = listener;
        this.plane = plane;
        this.records = records;
        this.deployment = deployment;
        this.template = template;
        this.migrations = migrations;
        this.fleet = fleet;
        this.rollbacks = Map.copyOf(rollbacks);
        this.checks = new ChecksAfterDeploy(plane, deployment, template, migrations, connections, fleet.backup() != null);
        this.retries = new TaskRetries(fleet.retries(), fleet.retryBackoff(), listener);
        this.readBack = new HistoryReadBack(connections, template, !rollbacks.isEmpty(), (tenant, since) -> plane.deployments()
                .othersOnTenantSince(tenant, deployment, !rollbacks.isEmpty(), since));
    }

    /**
     * Reads back, for the tenants whose tasks (as given) an earlier run left unfinished, what that run applied; what the
     * tasks' earlier runs {@code recorded} as theirs is not read back again, by a killed run nor by an attempt that threw.
     */
    TenantTask recovering(Map<TenantId, dev.flotilla.control.TaskRecord> interrupted, Map<TenantId, List<String>> recorded) {
        this.interrupted = Map.copyOf(interrupted);
        this.recorded = Map.copyOf(recorded);
        return this;
    }

    /** Runs the task for every tenant of {@code group}; all of them share the outcome. */
    List<TaskResult> run(List<TenantTarget> group) {
        long begun = System.nanoTime();
        // Room for a migration's lines and a notice or two from the start, not grown by copying as they are written.
        StringBuilder log = new StringBuilder(1024);
        TaskLogFeed feed = new TaskLogFeed(new TaskProgress.Task(plane, deployment, TenantTarget.ids(group)), records, group, log);
        java.time.Instant started = java.time.Instant.now();
        records.add("starting a task", () -> {
            for (TenantTarget tenant : group) {
                plane.tenants().markMigrating(tenant.tenant().id(), deployment);
                plane.deployments().taskStarted(deployment, tenant.tenant().id(), started);
            }
        });
        // Committed before anything reaches the target: a process killed from then on leaves the task running, which
        // deployments show and a resume read back from the target's history. A beforeTenant hook (maintenance mode)
        // may ask the plane too: the tenant is "migrating" by then. One commit for all the tenants sharing the target,
        // made while the worker connects and reads the target.
        TaskStart start = new TaskStart(records.flushLater());
        try {
            if (HookRunner.isSet(fleet.hooks().beforeTenant())) {
                start.await();
            }
            return runStarted(group, start, log, feed, begun);
        } catch (TaskStart.NotRecorded e) {
            throw e.failure();
        }
    }

    private List<TaskResult> runStarted(List<TenantTarget> group, TaskStart start, StringBuilder log, TaskLogFeed feed,
                                        long begun) {
        RunProgress progress = new RunProgress(recorded.getOrDefault(group.get(0).tenant().id(), List.of()));
        List<String> applied = progress.applied;
        TaskFailure failure = null;
        Map<TenantId, TaskFailure> failedChecks = Map.of();
        Map<TenantId, List<CheckResult>> checked = Map.of();
        List<TenantTarget> hooked = new ArrayList<>();
        VerifyOptions verify = rollbacks.isEmpty() ? fleet.verify() : null;
        try {
            for (TenantTarget tenant : group) {
                // afterTenant runs for a tenant whose beforeTenant failed too: a maintenance switch half turned on is turned off.
                hooked.add(tenant);
                BeforeTenantHook.run(fleet.hooks().beforeTenant(), tenant.tenant().id().value(), deployment, !rollbacks.isEmpty());
            }
            RowsBefore before = verify != null && (verify.enabled("row-counts") || verify.enabled("fk-orphans"))
                    ? retries.retrying(group.get(0), "counting rows", log, progress, () -> checks.countRows(group, verify,
                            versioned.contains(group.get(0).tenant().id())))
                    : null;
            applied.addAll(appliedByKilledRun(group.get(0), log)); // read before this run adds rows of its own
            feed.sync();
            RunReport report = runWithRetries(group, start, log, progress, feed);
            if (!report.ok()) {
                failure = TaskFailure.of(report);
            } else if (verify != null) {
                checked = checks.run(group, verify, before, applied, progress.versions, log);
                failedChecks = checks.failures(group, checked, applied);
            }
        } catch (FlotillaException e) {
            failure = new TaskFailure(e.code(), e.advice(), null);
            // A refused login is followed by whose login to fix, as the task's result says it (TaskOutcome).
            log.append("error: ").append(LoginRefused.reason(e.advice(), e.code(), group.get(0), group).inDeployment(deployment)
                    .forTenants(TenantTarget.ids(group)).text()).append('\n');
        } finally {
            failure = new AfterTenantHooks(fleet.hooks(), deployment, !rollbacks.isEmpty()).run(hooked, failure, applied, log);
        }
        // A statement's failure, written for its target, names the retry of "its deployment" (ID): this one.
        failure = failure == null ? null : failure.inDeployment(deployment);
        return finish(group, applied, failure, new Verified(checked, failedChecks), feed, progress,
                ApplyingExecutor.millisSince(begun));
    }

    /**
     * What a killed run of this task applied (or, in a rollback, undid) before it died (its record of the task never
     * ended): the migrations the tenant's history has as installed (or its {@code UNDO} rows) since that run started the
     * task, both times by that run's clock, in its time zone.
     */
    private List<String> appliedByKilledRun(TenantTarget target, StringBuilder log) {
        dev.flotilla.control.TaskRecord killed = interrupted.get(target.tenant().id());
        return killed == null ? List.of() : readBack.byKilledRun(target, killed, log);
    }

    /**
     * Migrates the target, or rolls it back in a rollback deployment. A deployment's backup is taken under the target
     * lock once the pending migrations are known: another deployment's migration in progress on the target is then
     * committed (and in the history read) or not begun, never half done in the backup.
     */
    private RunReport runWithRetries(List<TenantTarget> group, TaskStart start, StringBuilder log, RunProgress progress,
                                     TaskLogFeed feed) {
        TenantTarget target = group.get(0);
        TargetOptions tenantOptions = template.forTarget(target.target(), target.tenant().id().value());
        // Its rows name this deployment: a read-back tells them from another deployment's without comparing clocks.
        TargetOptions options = tenantOptions.withInstalledBy(DeploymentMark.installedBy(tenantOptions.installedBy(), deployment));
        RollbackRequest rollback = rollbacks.get(target.tenant().id());
        // A rollback backs up too: the tables its down files drop may hold rows written since the deploy.
        BeforeApplying backup = fleet.backup() == null ? BeforeApplying.NOTHING : (pending, empty) -> {
            new TaskBackup(plane, deployment, fleet.backup().dir(), template.lockTimeout()).before(pending, empty, group, log);
            feed.sync();
        };
        List<TenantId> tenants = TenantTarget.ids(group);
        EachMigration each = (run, script, dialect, schema) -> {
            TaskLog.migration(log, run, KeptObjects.of(run, script, migrations.splits(), dialect, schema), !rollbacks.isEmpty(),
                    tenants, deployment);
            feed.sync();
        };
        java.time.Instant unreadSince = null;
        for (int attempt = 1; ; attempt++) {
            progress.attempts = Math.max(progress.attempts, attempt);
            java.time.Instant started = java.time.Instant.now();
            if (unreadSince != null) {
                // The attempt before threw and its history could not be read then: read it before this one adds to it.
                readBack.byThrownAttempt(target, deployment, unreadSince, started, progress, log, true);
                unreadSince = null;
            }
            try {
                TargetRunner runner = new TargetRunner(options, migrations, connections);
                RunReport report = rollbacks.isEmpty() ? runner.migrate(versioned.contains(target.tenant().id()),
                        start.before(recordingPending(feed.task(), backup)), each)
                        : runner.rollback(rollback, start.before(backup), each);
                TaskLog.outcome(log, report, tenants, deployment);
                progress.add(report);
                PendingAfterRun.note(progress, report, !rollbacks.isEmpty(), target, runner, options, beyondCeiling);
                if (!retries.again(attempt, report)) {
                    return report;
                }
            } catch (TaskStart.NotRecorded e) {
                throw e;
            } catch (RuntimeException e) {
                // An attempt that threw reported nothing, though it may have committed migrations before it threw.
                boolean again = e instanceof FlotillaException f && retries.again(attempt, f);
                boolean connected = !(e instanceof FlotillaException f && f.code() == ErrorCode.CONNECTION_FAILED);
                unreadSince = !connected || readBack.byThrownAttempt(target, deployment, started, null, progress, log, !again)
                        ? null : started;
                if (!again) {
                    throw e;
                }
                log.append("attempt ").append(attempt).append(": ").append(e.getMessage()).append('\n');
            }
            retries.pause(target, attempt, log);
            feed.sync();
        }
    }

    /**
     * {@code then}, after recording what is pending on the tenants of {@code task} as their history, read under the lock,
     * says (the versions up to the deployment's ceiling and the repeatables, and the versions after the ceiling, as
     * {@code plan} counts them): the count stays true for a tenant whose run dies now.
     */
    private BeforeApplying recordingPending(TaskProgress.Task task, BeforeApplying then) {
        return (pending, empty) -> {
            records.add("recording what is pending", TaskProgress.pending(task, pending + beyondCeiling), () -> { });
            then.run(pending, empty);
        };
    }

    /**
     * @param failure why the task failed for all the group, null when it did not
     * @param verified the checks' results and why verification failed, for each tenant it failed for: known only once
     *     the migrations succeeded, and said before a failure of the afterTenant hook, which runs after the checks
     */
    private List<TaskResult> finish(List<TenantTarget> group, List<String> applied, TaskFailure failure,
                                    Verified verified, TaskLogFeed feed, RunProgress progress, long millis) {
        List<TaskResult> results = new ArrayList<>();
        Map<TenantId, TaskOutcome> outcomes = new java.util.LinkedHashMap<>();
        for (TenantTarget tenant : group) {
            TaskOutcome outcome = TaskOutcome.of(plane, tenant, group, verified.failures().getOrDefault(tenant.tenant().id(), failure), applied,
                    progress, !rollbacks.isEmpty(), beyondCeiling, migrations);
            outcomes.put(tenant.tenant().id(), outcome);
            TaskFailure own = outcome.failure();
            results.add(new TaskResult(tenant.tenant().id(), tenant.target().displayName(), outcome.status(), applied, millis,
                    progress.attempts, own == null ? null : own.code(), outcome.error(), own == null ? null : own.migration(),
                    own == null ? null : own.check(), outcome.commands(), verified.tally(tenant.tenant().id())));
        }
        List<TaskResult> reported = List.copyOf(results);
        TaskProgress.End end = new TaskProgress.End(outcomes, List.copyOf(applied), feed.rest(), feed.started(),
                java.time.Instant.now(), progress.attempts);
        records.add("finishing a task", TaskProgress.ended(feed.task(), end), () -> reported.forEach(listener::taskFinished));
        return reported;
    }

    /** The checks' results after the migrations, by tenant (none when they did not run), and why they failed for some. */
    private record Verified(Map<TenantId, List<CheckResult>> results, Map<TenantId, TaskFailure> failures) {
        CheckTally tally(TenantId tenant) {
            List<CheckResult> own = results.get(tenant);
            return own == null ? null : CheckTally.of(own);
        }
    }
}
