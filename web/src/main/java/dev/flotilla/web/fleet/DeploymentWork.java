package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetRollback;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.NotTestedRefusal;
import dev.flotilla.run.RecordedOptions;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the console starts on a recorded deployment, in the background as the command line runs it: a retry of its
 * failed tenants, a resume, a rollback. Refusals are the caller's to audit ({@link FleetActions}); what starts is audited
 * here.
 */
final class DeploymentWork {
    private final ConsoleFleet fleet;
    private final FleetActions actions;
    private final BackgroundDeployments deployments;

    DeploymentWork(ConsoleFleet fleet, FleetActions actions, BackgroundDeployments deployments) {
        this.fleet = fleet;
        this.actions = actions;
        this.deployments = deployments;
    }

    /** See {@link FleetActions#retryFailed}. */
    FleetActions.Started retry(Principal who, String deployment, DeployTimeouts timeouts, DeploySkips skips) {
        DeploymentRecord record = fleet.plane().deployments().require(deployment);
        if (record.failed() == 0) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Deployment " + deployment + " has no failed tenants to retry.");
        }
        LoadedMigrations migrations = fleet.loadMigrations();
        List<TenantTarget> registered = actions.chosen().registered();
        // As deploy --retry-failed: with deploy.requireTested, refused unless each failed tenant was dry-run since it failed.
        String id = deployments.start(listener -> new FleetRunner(fleet.plane(), timeouts.over(fleet.templateAs(who.user())),
                migrations, skips.over(fleet.deployAs(who.user())), listener).requiringTests(testsRequiredBy())
                .resume(deployment, registered, true));
        auditSkippedBackup(who, id, skips, record.failed());
        actions.audit(who, "deploy.retry-failed", null, id, record.failed() + " failed tenant(s)" + timeouts.note() + skips.note(), "ok");
        return new FleetActions.Started(id, record.failed(), 0);
    }

    /** See {@link FleetActions#resume(Principal, String, boolean)}. */
    FleetActions.Started resume(Principal who, String deployment, boolean continueOnError, DeploySkips skips) {
        DeploymentRecord record = fleet.plane().deployments().require(deployment);
        // As deploy --resume: the engine refuses one still running, one whose failed canary holds the rest back, one
        // overtaken by a later deployment, edited files and (deploy.requireTested) tenants not tested for what is left;
        // a deployment with no tenant left to run is refused here.
        int left = record.total() - record.succeeded() - record.failed();
        if (left == 0) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Deployment " + deployment + " is " + record.status().word()
                    + ", with no tenant to resume (none pending, interrupted or skipped)"
                    + (record.failed() > 0 ? "; its failed tenants are retried with \"Retry failed\"." : "."));
        }
        LoadedMigrations migrations = fleet.loadMigrations();
        List<TenantTarget> registered = actions.chosen().registered();
        // As the command line's flag: given again, it wins over the deployment's recorded continueOnError.
        Set<dev.flotilla.run.RecordedOptions.Override> explicit = continueOnError
                ? Set.of(dev.flotilla.run.RecordedOptions.Override.CONTINUE_ON_ERROR) : Set.of();
        dev.flotilla.run.FleetOptions configured = skips.over(fleet.deployAs(who.user()));
        dev.flotilla.run.FleetOptions options = continueOnError ? configured.withContinueOnError(true) : configured;
        String id = deployments.start(listener -> new FleetRunner(fleet.plane(), fleet.templateAs(who.user()), migrations,
                options, listener).requiringTests(testsRequiredBy()).resume(deployment, registered, false, explicit));
        auditSkippedBackup(who, id, skips, left);
        actions.audit(who, "deploy.resume", null, id, "resumes " + deployment + (continueOnError ? "; continue-on-error" : "")
                + skips.note(), "ok");
        return new FleetActions.Started(id, left, 0);
    }

    /**
     * As {@code deploy --resume --skip-backup} and {@code --retry-failed --skip-backup} audit it: a backup the
     * configuration takes, skipped for the {@code tenants} the run takes up again (which a resume does not do unless asked).
     */
    private void auditSkippedBackup(Principal who, String deployment, DeploySkips skips, int tenants) {
        if (skips.skipsConfiguredBackup(fleet.deploy())) {
            actions.audit(who, "deploy.backup-skipped", null, deployment, DeploySkips.skippedBackup(tenants), "ok");
        }
    }

    /**
     * The NOT_TESTED refusal a resume (or with {@code failedOnly} a retry) of the deployment would meet now, found as the
     * engine finds it (the command line asks only once it is not refused) without reopening or recording anything: for
     * its confirmation page to say so before the button. Empty where no test is required (deploy.requireTested off and
     * the deployment not started with --require-tested) or none is missing; any other refusal is the button's to answer,
     * as before. Reads the tenants it would run again, as the resume would, only where tests are required.
     */
    Optional<NotTestedRefusal> untested(Principal who, String deployment, boolean failedOnly, boolean continueOnError) {
        DeploymentRecord record = fleet.plane().deployments().require(deployment);
        if (testsRequiredBy() == null && !RecordedOptions.testsRequired(record.options())) {
            return Optional.empty();
        }
        dev.flotilla.run.FleetOptions options = continueOnError ? fleet.deployAs(who.user()).withContinueOnError(true)
                : fleet.deployAs(who.user());
        Set<RecordedOptions.Override> explicit = continueOnError ? Set.of(RecordedOptions.Override.CONTINUE_ON_ERROR) : Set.of();
        try {
            new FleetRunner(fleet.plane(), fleet.templateAs(who.user()), fleet.loadMigrations(), options, FleetListener.SILENT)
                    .requiringTests(testsRequiredBy()).reopening(deployment, actions.chosen().registered(), failedOnly, explicit);
            return Optional.empty();
        } catch (NotTestedRefusal refusal) {
            return Optional.of(refusal);
        } catch (FlotillaException otherRefusal) {
            return Optional.empty();
        }
    }

    /** What requires a resume's or retry's tenants to be tested, as the engine's refusal names it; null for nothing. */
    private String testsRequiredBy() {
        return fleet.requireTested() ? "deploy.requireTested" : null;
    }

    /** See {@link FleetActions#rollback}. */
    FleetActions.Started rollback(Principal who, String deployment) {
        DeploymentRecord record = fleet.plane().deployments().require(deployment);
        if (record.rollback()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, deployment + " is itself a rollback; deploy again instead.");
        }
        LoadedMigrations migrations = fleet.loadMigrations();
        List<TenantTarget> registered = actions.chosen().registered();
        // With the deploy options' backups, as `flotilla rollback --deployment` takes them: the tables its down files
        // drop may hold rows written since the deploy, and `restore --deployment <rollback id>` puts them back.
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        String id = deployments.start(listener -> new FleetRollback(fleet.plane(), fleet.templateAs(who.user()), migrations,
                fleet.deployAs(who.user()), listener).guardingTenantColumn(fleet.sharedTenantColumn())
                .checkingWithin(RollbackMergeWarning.READ_WITHIN).deployment(deployment, registered), notices::addAll);
        actions.audit(who, "rollback.requested", null, id, "rolls back " + deployment, "ok");
        // The tenants it undoes something on: those that applied anything, a failed one's earlier migrations too.
        int tenants = (int) fleet.plane().deployments().tasks(deployment).stream().filter(t -> !t.applied().isEmpty()).count();
        return new FleetActions.Started(id, tenants, 0, notices.stream().map(fleet.plane()::scrub).toList());
    }
}
