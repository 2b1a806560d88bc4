package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.RecordedOptions;
import dev.flotilla.run.TenantTarget;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code deploy --resume} and {@code deploy --retry-failed}: a deployment (or a rollback) continued with the options it
 * was started with unless the command line gives them again (said on the line after the first), refused before the
 * confirmation as its run would refuse it, its summary saying how many of its tenants were done before.
 */
final class ContinuedDeploy {
    private final DeployCommand deploy;
    private final String deployment;
    private final boolean failedOnly;

    /** @param failedOnly a retry of the deployment's failed tenants, rather than a resume of the rest */
    ContinuedDeploy(DeployCommand deploy, String deployment, boolean failedOnly) {
        this.deploy = deploy;
        this.deployment = deployment;
        this.failedOnly = failedOnly;
    }

    int run(LoadedMigrations migrations) {
        ControlPlane plane = deploy.plane();
        List<TenantTarget> registered = deploy.targets(plane.tenants().all().stream().map(TenantRecord::tenant).toList());
        String verb = failedOnly ? "retrying failed tenants" : "resumed";
        Set<RecordedOptions.Override> explicit = explicit();
        DeploymentRecord record = plane.deployments().require(deployment);
        // A rollback's failed or interrupted tenants are continued here too: they undo, and the output says so.
        String noun = record.rollback() ? "Rollback" : DeployCommand.NOUN;
        FleetOptions given = deploy.options(Set.of());
        String with = "  with " + RecordedOptions.parse(record.options()).describe(
                RecordedOptions.parse(record.options()).over(given, explicit), explicit);
        List<TaskRecord> before = plane.deployments().tasks(deployment);
        DeployResult result;
        try (StopOnSignal signals = new StopOnSignal(deploy.output, plane, deploy.actor())) {
            FleetRunner runner = deploy.runner(migrations, given, noun, verb, with, 0, signals);
            // Refused before asking, as the run would refuse: a failed canary holding the rest back, tenants a newer
            // deployment took on, files edited, gone or out of order on the tenants it would run.
            int reopening = runner.reopening(deployment, registered, failedOnly, explicit);
            if (reopening > 0) {
                deploy.confirm(reopening, List.of(), List.of());
                auditSkippedBackup(reopening);
            }
            result = runner.resume(deployment, registered, failedOnly, explicit);
        }
        DeploySummary.printResumed(deploy.output, record, result, before, failedOnly);
        return deploy.finish(result, DeployData.resumed(record, DeploySummary.count(before, TaskStatus.SUCCEEDED)), noun,
                failedOnly ? 0 : DeploySummary.count(before, TaskStatus.FAILED), before);
    }

    /** The recorded options the command line gives again: these win over the deployment's. */
    private Set<RecordedOptions.Override> explicit() {
        Set<RecordedOptions.Override> explicit = EnumSet.noneOf(RecordedOptions.Override.class);
        if (deploy.limits.concurrency != null) {
            explicit.add(RecordedOptions.Override.CONCURRENCY);
        }
        if (deploy.limits.perServer != null) {
            explicit.add(RecordedOptions.Override.PER_SERVER);
        }
        if (deploy.continueOnError) {
            explicit.add(RecordedOptions.Override.CONTINUE_ON_ERROR);
        }
        if (deploy.outOfOrder) {
            explicit.add(RecordedOptions.Override.OUT_OF_ORDER);
        }
        return explicit;
    }

    private void auditSkippedBackup(int tenants) {
        if (deploy.skipBackup && deploy.config().deploy().backup()) {
            deploy.plane().audit().record(deploy.actor(), "deploy.backup-skipped", null, deployment,
                    tenants + " tenant(s) selected to deploy without a backup (--skip-backup)");
        }
    }
}
