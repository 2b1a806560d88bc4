package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Migrates one target for the tenants that share it (one tenant, except in shared-schema mode), with the
 * tenant hooks around it, bounded retries of transient failures, and every state change written to the
 * control plane as it happens.
 */
final class TenantTask {
    private final ControlPlane plane;
    private final String deployment;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final FleetOptions fleet;

    TenantTask(ControlPlane plane, String deployment, TargetOptions template, LoadedMigrations migrations, FleetOptions fleet) {
        this.plane = plane;
        this.deployment = deployment;
        this.template = template;
        this.migrations = migrations;
        this.fleet = fleet;
    }

    /** Why a task failed. */
    private record Failure(ErrorCode code, String message) {
    }

    /** Runs the task for every tenant of {@code group}; all of them share the outcome. */
    List<TaskResult> run(List<TenantTarget> group) {
        long start = System.nanoTime();
        StringBuilder log = new StringBuilder();
        for (TenantTarget tenant : group) {
            plane.tenants().markMigrating(tenant.tenant().id(), deployment);
            plane.deployments().taskStarted(deployment, tenant.tenant().id());
        }
        int[] attempts = {0};
        List<String> applied = new ArrayList<>();
        Failure failure = null;
        List<TenantTarget> hooked = new ArrayList<>();
        try {
            for (TenantTarget tenant : group) {
                HookRunner.run(fleet.hooks().beforeTenant(), "beforeTenant", tenant.tenant().id().value(), deployment);
                hooked.add(tenant);
            }
            RunReport report = migrateWithRetries(group.get(0), log, attempts);
            report.applied().forEach(m -> applied.add(m.version() != null ? m.version() : m.script()));
            if (!report.ok()) {
                failure = report.problems().isEmpty() ? new Failure(ErrorCode.INTERNAL, "failed")
                        : new Failure(report.problems().get(0).code(), report.problems().get(0).message());
            }
        } catch (FlotillaException e) {
            failure = new Failure(e.code(), e.getMessage());
            log.append("error: ").append(e.getMessage()).append('\n');
        } finally {
            failure = afterHooks(hooked, failure, log);
        }
        return finish(group, applied, failure, log, attempts[0], ApplyingExecutor.millisSince(start));
    }

    private Failure afterHooks(List<TenantTarget> hooked, Failure failure, StringBuilder log) {
        for (TenantTarget tenant : hooked) {
            try {
                HookRunner.run(fleet.hooks().afterTenant(), "afterTenant", tenant.tenant().id().value(), deployment);
            } catch (FlotillaException e) {
                log.append("error: ").append(e.getMessage()).append('\n');
                failure = failure != null ? failure
                        : new Failure(e.code(), e.getMessage() + " (the migrations themselves were applied)");
            }
        }
        return failure;
    }

    private RunReport migrateWithRetries(TenantTarget target, StringBuilder log, int[] attempts) {
        TargetOptions options = template.forTarget(target.target(), target.tenant().id().value());
        for (int attempt = 1; ; attempt++) {
            attempts[0] = attempt;
            try {
                RunReport report = new TargetRunner(options, migrations).migrate();
                TaskLog.append(log, report);
                if (report.ok() || attempt > fleet.retries() || !transientFailure(report)) {
                    return report;
                }
            } catch (FlotillaException e) {
                if (attempt > fleet.retries() || !transientFailure(e.code())) {
                    throw e;
                }
                log.append("attempt ").append(attempt).append(": ").append(e.getMessage()).append('\n');
            }
            long pause = fleet.retryBackoff().toMillis() << (attempt - 1);
            log.append("retrying in ").append(pause).append(" ms\n");
            sleep(pause);
        }
    }

    private static boolean transientFailure(ErrorCode code) {
        return code == ErrorCode.CONNECTION_FAILED || code == ErrorCode.LOCK_TIMEOUT;
    }

    /** A lock timeout or deadlock inside a transaction left nothing behind, so trying again is safe. */
    private static boolean transientFailure(RunReport report) {
        return report.migrations().stream().anyMatch(m -> m.failed() && m.transactional()
                && (m.errorCode() == ErrorCode.LOCK_TIMEOUT || m.errorCode() == ErrorCode.DEADLOCK));
    }

    private List<TaskResult> finish(List<TenantTarget> group, List<String> applied, Failure failure, StringBuilder log,
                                    int attempts, long millis) {
        TaskStatus status = failure == null ? TaskStatus.SUCCEEDED : TaskStatus.FAILED;
        String error = failure == null ? null : failure.message();
        List<TaskResult> results = new ArrayList<>();
        for (TenantTarget tenant : group) {
            TenantId id = tenant.tenant().id();
            plane.deployments().taskFinished(deployment, id, status, applied, error, log.toString());
            plane.tenants().updateState(id, failure == null ? "up-to-date" : "failed", failure == null ? latestVersion() : null,
                    failure == null ? 0 : null, deployment, error);
            results.add(new TaskResult(id, status, applied, millis, attempts, failure == null ? null : failure.code(), error));
        }
        return results;
    }

    private String latestVersion() {
        List<Migration> versioned = migrations.versioned();
        return versioned.isEmpty() ? null : versioned.get(versioned.size() - 1).version().toString();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlotillaException(ErrorCode.INTERNAL, "Interrupted while waiting to retry");
        }
    }
}
