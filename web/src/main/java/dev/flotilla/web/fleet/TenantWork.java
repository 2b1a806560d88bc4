package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.DriftAccept;
import dev.flotilla.run.DriftReport;
import dev.flotilla.run.FleetDrift;
import dev.flotilla.run.FleetRestore;
import dev.flotilla.run.FleetVerify;
import dev.flotilla.run.TenantRestore;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.run.TenantVerification;
import dev.flotilla.run.VerificationRecords;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.VerifyOptions;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What the console and the API run on chosen tenants outside a deployment: drift checks, verifies and restores, each
 * through the engine as the command line runs it, in the background (a job per run, kept to be shown), audited with
 * who asked and from where. Each reads the registered tenants once. Authorization is the caller's job. Thread-safe.
 */
public final class TenantWork {
    private final ConsoleFleet fleet;
    private final FleetActions actions;
    private final FleetJobs<DriftReport> drifts;
    private final FleetJobs<List<TenantVerification>> verifications;
    private final FleetJobs<List<TenantRestore>> restores;

    TenantWork(ConsoleFleet fleet, FleetActions actions, ExecutorService background) {
        this.fleet = fleet;
        this.actions = actions;
        this.drifts = new FleetJobs<>(background, fleet.plane()::scrub, DriftReport::masked);
        this.verifications = new FleetJobs<>(background, fleet.plane()::scrub, (results, scrub) -> results.stream()
                .map(r -> r.masked(scrub)).toList());
        this.restores = new FleetJobs<>(background, fleet.plane()::scrub, (results, scrub) -> results.stream()
                .map(r -> r.masked(scrub)).toList());
    }

    public FleetJobs<DriftReport> drifts() {
        return drifts;
    }

    public FleetJobs<List<TenantVerification>> verifications() {
        return verifications;
    }

    /**
     * Checks the tenants for drift in the background as {@code flotilla drift} does: each live schema against the one
     * its history says it should have (built once per distinct history, remembered by fingerprint), recorded as each
     * tenant's last drift check. Reads only.
     */
    public FleetJobs.Job<DriftReport> startDrift(Principal who, Collection<TenantId> tenants) {
        List<TenantTarget> registered = actions.chosen().registered();
        List<TenantTarget> targets = ChosenTenants.among(tenants, registered);
        LoadedMigrations migrations = fleet.loadMigrations();
        FleetJobs.Job<DriftReport> job = drifts.start(who.user(), targets.stream().map(t -> t.tenant().id()).toList(),
                () -> new FleetDrift(fleet.templateAs(who.user()), migrations, fleet.deploy().concurrency(), fleet.deploy().perServer(),
                        fleet.plane().drift(), fleet.plane().acceptances()).check(targets, registered),
                report -> {
                    fleet.plane().drift().record(report.tenants());
                    actions.audit(who, "drift", FleetActions.onlyOne(tenants), null, report.summary(), "ok");
                },
                error -> actions.audit(who, "drift", FleetActions.onlyOne(tenants), null, "could not run: " + error, "failed"));
        actions.audit(who, "drift.requested", FleetActions.onlyOne(tenants), null, FleetActions.describe(tenants), "ok");
        return job;
    }

    /**
     * Accepts the tenants' live schemas as {@code flotilla drift --accept} does, while the caller waits (a few reads and a
     * scratch copy per tenant): each accepted one recorded, replacing its earlier acceptance, and each audited
     * ({@code drift-accept}, {@code failed} with why for one refused). The tenants sharing a chosen one's target
     * (shared-schema) share its live schema: it is accepted, recorded and audited for them too.
     */
    public List<DriftAccept.Result> accept(Principal who, Collection<TenantId> tenants) {
        List<TenantTarget> targets = actions.chosen().withSharing(tenants).targets();
        List<DriftAccept.Result> results = new DriftAccept(fleet.templateAs(who.user()), fleet.deploy().concurrency(),
                fleet.deploy().perServer()).accept(targets, who.user());
        for (DriftAccept.Result result : results) {
            if (result.ok()) {
                fleet.plane().acceptances().record(result.acceptance());
            }
            actions.audit(who, "drift-accept", result.tenant().value(), null, result.ok() ? result.auditDetails()
                    : result.error(), result.ok() ? "ok" : "failed");
        }
        return results;
    }

    /**
     * The other registered tenants on {@code tenant}'s target (shared-schema), in id order; none on a target of its own:
     * {@link #accept} accepts the live schema for them too.
     */
    public List<TenantId> acceptedWith(TenantId tenant) {
        return actions.chosen().sharingWith(tenant);
    }

    /**
     * Runs the configured checks on the tenants in the background as {@code flotilla verify} does (scenarios rolled
     * back), recorded as each tenant's last checks; with {@code clearUnexamined}, as {@code --clear-unexamined}: the
     * earlier failures of checks a verify skips (row-counts, expected-objects) no longer keep a tenant failed-verification.
     */
    public FleetJobs.Job<List<TenantVerification>> startVerify(Principal who, Collection<TenantId> tenants, boolean clearUnexamined) {
        List<TenantTarget> targets = actions.targets(tenants);
        LoadedMigrations migrations = fleet.loadMigrations();
        VerifyOptions checks = fleet.deploy().verify() != null ? fleet.deploy().verify() : VerifyOptions.DEFAULTS;
        FleetJobs.Job<List<TenantVerification>> job = verifications.start(who.user(), targets.stream().map(t -> t.tenant().id()).toList(),
                // Recorded as they are found, the results then shown: an earlier failure a verify skips stands, failed.
                () -> VerificationRecords.record(fleet.plane(), new FleetVerify(fleet.templateAs(who.user()), migrations, checks,
                        fleet.sharedTenantColumn(), fleet.deploy().concurrency(), fleet.deploy().perServer()).run(targets),
                        clearUnexamined),
                results -> {
                    actions.audit(who, "verify", FleetActions.onlyOne(tenants), null, VerificationRecords.summary(results)
                            + (clearUnexamined ? "; earlier failures of checks it skipped cleared (clear-unexamined)" : ""),
                            VerificationRecords.outcome(results));
                },
                error -> actions.audit(who, "verify", FleetActions.onlyOne(tenants), null, "could not run: " + error, "failed"));
        actions.audit(who, "verify.requested", FleetActions.onlyOne(tenants), null, FleetActions.describe(tenants), "ok");
        return job;
    }

    public FleetJobs<List<TenantRestore>> restores() {
        return restores;
    }

    /**
     * Puts tenants back as backup {@code backup} holds them, in the background, as {@code flotilla restore --backup}
     * does (SHA-256 and schema fingerprint checked, each tenant's restore audited, state {@code restored}). A backup
     * that is not there, or holds none of a tenant, is refused up front and audited as refused; a run that fails as a whole
     * (control plane unavailable, backup gone since) is audited as {@code restore}, outcome failed, with why.
     */
    public FleetJobs.Job<List<TenantRestore>> startRestore(Principal who, String backup, Collection<TenantId> tenants) {
        return startRestore(who, backup, tenants, actions.chosen().registered());
    }

    /**
     * As {@link #startRestore}, of {@code tenant} and the tenants sharing its target (shared-schema), whose backup holds
     * all their rows: the tenant page's Restore, the fleet read once for both.
     */
    public FleetJobs.Job<List<TenantRestore>> startRestoreSharing(Principal who, String backup, TenantId tenant) {
        List<TenantTarget> registered = actions.chosen().registered();
        return startRestore(who, backup, restoredTogether(tenant, registered), registered);
    }

    /**
     * {@code tenant} and the registered tenants sharing its target (shared-schema), in the control plane's order: those a
     * restore of one of its backups puts back, which its confirmation names.
     */
    public List<TenantId> restoredTogether(TenantId tenant) {
        return restoredTogether(tenant, actions.chosen().registered());
    }

    private static List<TenantId> restoredTogether(TenantId tenant, List<TenantTarget> registered) {
        return dev.flotilla.run.SharedTargets.withSharing(ChosenTenants.among(List.of(tenant), registered), registered).stream()
                .map(t -> t.tenant().id()).toList();
    }

    private FleetJobs.Job<List<TenantRestore>> startRestore(Principal who, String backup, Collection<TenantId> tenants,
                                                           List<TenantTarget> registered) {
        try {
            List<TenantTarget> targets = ChosenTenants.among(tenants, registered);
            FleetRestore.requireWholeTargets(targets, registered);
            for (TenantId tenant : tenants) {
                if (fleet.plane().backups().find(backup, tenant).isEmpty()) {
                    String rollback = FleetRestore.rollbackWithoutBackup(fleet.plane(), backup);
                    throw new FlotillaException(ErrorCode.BAD_USAGE, "No backup " + backup + " of tenant " + tenant + " is kept ("
                            + (rollback != null ? rollback : "never taken, or deleted by backup.keep") + "); GET /api/v1/backups?tenant="
                            + tenant + " lists its backups.");
                }
            }
            FleetRestore restore = restorer(who, backup, tenants.iterator().next());
            FleetJobs.Job<List<TenantRestore>> job = restores.start(who.user(), targets.stream().map(t -> t.tenant().id()).toList(),
                    () -> restore.restoreBackup(backup, targets),
                    results -> { }, // each tenant's restore is audited as it ends
                    error -> actions.audit(who, "restore", FleetActions.onlyOne(tenants), null, "backup " + backup
                            + " could not run: " + error, "failed"));
            actions.audit(who, "restore.requested", FleetActions.onlyOne(tenants), null, "backup " + backup + "; "
                    + FleetActions.describe(tenants), "ok");
            return job;
        } catch (FlotillaException e) {
            throw actions.audited(e, who, "restore.requested", FleetActions.onlyOne(tenants), null, "backup " + backup + ": "
                    + e.getMessage(), "denied");
        }
    }

    /**
     * Puts every tenant a kept backup taken before {@code deployment} is of back as it holds them, in the background, as
     * {@code flotilla restore --deployment ID} does (see {@link #restorableFrom}); audited as {@link #startRestore} is,
     * with the deployment.
     */
    public FleetJobs.Job<List<TenantRestore>> startDeploymentRestore(Principal who, String deployment) {
        String source = "the backups taken before " + deployment;
        try {
            List<TenantTarget> targets = restorableFrom(deployment);
            List<TenantId> tenants = targets.stream().map(t -> t.tenant().id()).toList();
            FleetRestore restore = restorer(who, deployment, tenants.get(0));
            FleetJobs.Job<List<TenantRestore>> job = restores.start(who.user(), tenants, () -> restore.restore(deployment, targets),
                    results -> { }, // each tenant's restore is audited as it ends
                    error -> actions.audit(who, "restore", FleetActions.onlyOne(tenants), deployment, source + " could not run: "
                            + error, "failed"));
            actions.audit(who, "restore.requested", FleetActions.onlyOne(tenants), deployment, source + "; "
                    + FleetActions.describe(tenants), "ok");
            return job;
        } catch (FlotillaException e) {
            throw actions.audited(e, who, "restore.requested", null, deployment, source + ": " + e.getMessage(), "denied");
        }
    }

    /**
     * The registered tenants a kept backup taken before {@code deployment} is of, in the control plane's order: those a
     * restore of the deployment puts back. Refused (BAD_USAGE) while it runs, when it keeps none (saying why, as its
     * page does), and when a tenant sharing one's target (shared-schema) has none.
     */
    public List<TenantTarget> restorableFrom(String deployment) {
        DeploymentRecord record = fleet.plane().deployments().require(deployment);
        FleetRestore.requireNotRunning(fleet.plane(), deployment); // as the engine refuses it, the command line's too
        java.util.Set<String> kept = fleet.plane().backups().keptTenants(deployment);
        List<TenantTarget> registered = actions.chosen().registered();
        List<TenantTarget> targets = registered.stream().filter(t -> kept.contains(t.tenant().id().value())).toList();
        if (targets.isEmpty()) {
            List<dev.flotilla.control.TaskRecord> tasks = fleet.plane().deployments().tasks(deployment);
            String why = kept.isEmpty() ? dev.flotilla.run.MissingBackups.why(fleet.plane(), record, tasks, fleet.plane().audit()
                    .ofDeployment(deployment, List.of((record.rollback() ? "rollback" : "deploy") + ".backup-skipped")).stream()
                    .findFirst()) : "the tenants it backed up are no longer registered";
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No backup taken before " + deployment + " is kept: " + why
                    + ". Nothing was restored; `flotilla backups list` lists the backups kept.");
        }
        FleetRestore.requireWholeTargets(targets, registered);
        return targets;
    }

    /**
     * A restore as {@code who}, from the configured backup folder, or where the backup {@code backup} of {@code tenant} is
     * (restoring writes nothing under it; either will do).
     */
    private FleetRestore restorer(Principal who, String backup, TenantId tenant) {
        java.nio.file.Path dir = fleet.deploy().backup() != null ? fleet.deploy().backup().dir()
                : fleet.plane().backups().find(backup, tenant).orElseThrow().path().getParent();
        return new FleetRestore(fleet.plane(), dir, fleet.template().lockTimeout(), fleet.template().lockWait(),
                fleet.deploy().concurrency(), fleet.deploy().perServer(), who.user());
    }
}
