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
        String error = null;
        List<TenantTarget> hooked = new ArrayList<>();
        try {
            for (TenantTarget tenant : group) {
                HookRunner.run(fleet.hooks().beforeTenant(), "beforeTenant", tenant.tenant().id().value(), deployment);
                hooked.add(tenant);
            }
            RunReport report = migrateWithRetries(group.get(0), log, attempts);
            report.applied().forEach(m -> applied.add(m.version() != null ? m.version() : m.script()));
            if (!report.ok()) {
                error = report.problems().isEmpty() ? "failed" : report.problems().get(0).message();
            }
        } catch (FlotillaException e) {
            error = e.getMessage();
            log.append("error: ").append(e.getMessage()).append('\n');
        } finally {
            error = afterHooks(hooked, error, log);
        }
        return finish(group, applied, error, log, attempts[0], ApplyingExecutor.millisSince(start));
    }

    private String afterHooks(List<TenantTarget> hooked, String error, StringBuilder log) {
        for (TenantTarget tenant : hooked) {
            try {
                HookRunner.run(fleet.hooks().afterTenant(), "afterTenant", tenant.tenant().id().value(), deployment);
            } catch (FlotillaException e) {
                log.append("error: ").append(e.getMessage()).append('\n');
                error = error == null ? e.getMessage() + " (the migrations themselves were applied)" : error;
            }
        }
        return error;
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

    private List<TaskResult> finish(List<TenantTarget> group, List<String> applied, String error, StringBuilder log,
                                    int attempts, long millis) {
        TaskStatus status = error == null ? TaskStatus.SUCCEEDED : TaskStatus.FAILED;
        String version = error == null ? latestVersion() : null;
        List<TaskResult> results = new ArrayList<>();
        for (TenantTarget tenant : group) {
            TenantId id = tenant.tenant().id();
            plane.deployments().taskFinished(deployment, id, status, applied, error, log.toString());
            plane.tenants().updateState(id, error == null ? "up-to-date" : "failed", version, error == null ? 0 : null,
                    deployment, error);
            results.add(new TaskResult(id, status, applied, millis, attempts, error));
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
