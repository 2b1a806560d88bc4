package dev.flotilla.web.fleet;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * What the wizard and the REST API do to the fleet: dry runs, deployments, retries and rollbacks, each through the
 * engine exactly as the command line does it (same durability, checks, backups and audit), run in the background.
 * Authorization is the caller's job; every action here is audited with who asked and from where.
 */
public final class FleetActions {
    /** A deployment started, or nothing to do because every chosen tenant is up to date. */
    public record Started(String deployment, int tenants, int upToDate, List<String> notices) {
        public Started {
            notices = List.copyOf(notices);
        }

        public Started(String deployment, int tenants, int upToDate) {
            this(deployment, tenants, upToDate, List.of());
        }
    }

    private final ConsoleFleet fleet;
    private final BackgroundDeployments deployments;
    private final FleetJobs<List<TenantDryRun>> dryRuns;
    private final TenantWork tenantWork;
    private final FleetReads fleetReads;
    private final RepairWork repairs;
    private final DeploymentWork deploymentWork;
    private final ChosenTenants chosen;
    /** The exceptions {@link #audited} recorded: by identity, and forgotten once nothing holds them. */
    private final Set<Throwable> inAuditLog = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    public FleetActions(ConsoleFleet fleet, ExecutorService background) {
        this.fleet = fleet;
        this.chosen = new ChosenTenants(fleet);
        this.deployments = new BackgroundDeployments(background);
        this.dryRuns = new FleetJobs<>(background, fleet.plane()::scrub, (results, scrub) -> results.stream()
                .map(r -> r.masked(scrub)).toList());
        this.tenantWork = new TenantWork(fleet, this, background);
        this.fleetReads = new FleetReads(fleet, this, background);
        this.repairs = new RepairWork(fleet, this);
        this.deploymentWork = new DeploymentWork(fleet, this, deployments);
    }

    /** The dry runs started here, to be shown; what gates a deploy is their record ({@link #tested}). */
    public FleetJobs<List<TenantDryRun>> dryRuns() {
        return dryRuns;
    }

    /** The dry run with this id as the control plane recorded it, finished or not, whichever console started it. */
    public Optional<FleetDryRunRecord> tested(String dryRun) {
        return dryRun == null ? Optional.empty() : fleet.plane().dryRuns().fleetRun(dryRun);
    }

    /** Drift checks, verifies and restores: what runs on chosen tenants outside a deployment. */
    public TenantWork tenantWork() {
        return tenantWork;
    }

    /** Reads of the tenants whose state is unknown, as {@code flotilla plan} reads them. */
    public FleetReads fleetReads() {
        return fleetReads;
    }

    /** Repairs of tenants' histories (their failed records), as {@code flotilla repair --tenants} runs them. */
    public RepairWork repairs() {
        return repairs;
    }

    /**
     * Dry-runs the tenants in the background as {@code flotilla dry-run} does (with {@code outOfOrder}, as
     * {@code --out-of-order}), recorded to gate a deploy (see {@link DryRunWork}).
     */
    public FleetJobs.Job<List<TenantDryRun>> startDryRun(Principal who, List<String> versions, Collection<TenantId> tenants,
                                                         boolean outOfOrder) {
        LoadedMigrations migrations = MigrationFiles.upTo(fleet.loadMigrations(), versions);
        ChosenTenants.Read chosen = this.chosen.read(tenants);
        // Audited first: the job's own entry of its outcome (dry-run.finished) comes after it.
        audit(who, "dry-run.started", onlyOne(tenants), null, describe(versions, tenants) + (outOfOrder ? "; out-of-order" : ""), "ok");
        return dryRuns.start(who.user(), versions, outOfOrder, chosen.targets().stream().map(t -> t.tenant().id()).toList(),
                new DryRunWork(fleet, who, migrations, chosen, outOfOrder));
    }

    /**
     * Plans the chosen tenants and deploys to those with something pending, as {@code choice} asks: after a test, its
     * {@code tested} says which, and what it left out, for the audit log. With {@code outOfOrder}, as {@code deploy
     * --out-of-order}: pending migrations older than a tenant's newest applied one too, recorded in the deployment's
     * options (its resume and retry apply them too) and its {@code deploy.started} entry. After the dry run {@code test}:
     * refused (NOT_TESTED) before anything is recorded when a tenant it would migrate changed since that run started
     * ({@link dev.flotilla.run.ChangedSinceDryRun}). Without a backup or the tenant hooks as its {@code skips} say, a
     * skipped backup audited as {@code deploy --skip-backup}'s is. {@code all} is the migrations folder as the request read it, once for
     * its test's gate and the deploy alike.
     */
    public Started deploy(Principal who, DeployChoice choice, LoadedMigrations all) {
        List<String> versions = choice.versions();
        List<TenantId> tenants = choice.tenants();
        String tested = choice.tested();
        FleetDryRunRecord test = choice.test();
        boolean outOfOrder = choice.outOfOrder();
        DeployTimeouts timeouts = choice.timeouts();
        DeploySkips skips = choice.skips();
        DeployWaves waves = choice.waves();
        String note = (tested == null ? "" : "; " + tested) + (outOfOrder ? "; out-of-order" : "") + timeouts.note() + skips.note()
                + waves.note();
        dev.flotilla.TargetOptions template = timeouts.over(fleet.templateAs(who.user(), outOfOrder));
        LoadedMigrations migrations = MigrationFiles.upTo(all, versions);
        ChosenTenants.WithSharing chosen = this.chosen.withSharing(tenants);
        List<TenantTarget> targets = chosen.targets();
        List<TenantPlan> plans = new FleetPlanner(template, migrations, waves.concurrencyOver(fleet.deploy()),
                waves.perServerOver(fleet.deploy())).plan(targets);
        // Before anything is recorded: an edited or missing applied file would fail every tenant that has it.
        auditingRefusal(who, "deploy.requested", null, () -> {
            dev.flotilla.run.FleetValidation.require(plans, migrations, null);
            // deploy.requireTested: no tenant is migrated without a passing dry run of these files since it last changed.
            if (fleet.requireTested()) {
                dev.flotilla.run.TestedPlans tests = dev.flotilla.run.TestedPlans.of(fleet.plane(), plans, migrations, outOfOrder)
                        .upTo(MigrationFiles.ceilingBelowNewest(all, versions));
                if (!tests.allPassed()) {
                    throw tests.refusal("deploy.requireTested");
                }
            }
            if (test != null) {
                dev.flotilla.run.ChangedSinceDryRun.require(fleet.plane(), test.id(), test.started(), plans,
                        MigrationFiles.ceilingBelowNewest(all, versions), outOfOrder);
            }
            return null;
        });
        // Its plans read every history: lint learns each baseline, as it stands once the pending versions ran.
        dev.flotilla.run.PlanRecords.learnBaselines(fleet.plane(), plans, chosen.records());
        Set<TenantId> upToDate = plans.stream().filter(p -> p.state() == TenantPlan.State.UP_TO_DATE).map(TenantPlan::tenant)
                .collect(Collectors.toSet());
        List<TenantTarget> work = targets.stream().filter(t -> !upToDate.contains(t.tenant().id())).toList();
        if (work.isEmpty()) {
            audit(who, "deploy.requested", onlyOne(tenants), null, describe(versions, tenants) + note + "; nothing to do, all up to date",
                    "ok");
            return new Started(null, 0, upToDate.size());
        }
        dev.flotilla.run.FleetOptions options = waves.over(skips.over(fleet.deployAs(who.user())), upToDate);
        // Before anything is recorded, as the command line finds them: a canary not deployed to, or one whose target
        // every tenant shares (which it cannot protect).
        List<String> warnings = new java.util.ArrayList<>(waves.upToDateCanaries(upToDate));
        warnings.addAll(auditingRefusal(who, "deploy.requested", null, () -> new FleetRunner(fleet.plane(), template, all,
                options, dev.flotilla.run.FleetListener.SILENT).canaryWave(work).warnings()));
        String id = deployments.start(listener -> new FleetRunner(fleet.plane(), template, all, options, listener)
                .upTo(MigrationFiles.newest(all, versions)).deploy(work));
        if (skips.skipsConfiguredBackup(fleet.deploy())) {
            audit(who, "deploy.backup-skipped", null, id, DeploySkips.skippedBackup(work.size()), "ok");
        }
        audit(who, "deploy.requested", onlyOne(tenants), id, describe(versions, tenants) + note, "ok");
        return new Started(id, work.size(), upToDate.size(), warnings);
    }

    /** Runs a deployment's failed tenants again, with {@code timeouts} as {@code deploy --retry-failed} takes them. */
    public Started retryFailed(Principal who, String deployment, DeployTimeouts timeouts) {
        return retryFailed(who, deployment, timeouts, DeploySkips.NONE);
    }

    /** As above, without the backup when {@code skips} say so, as {@code deploy --retry-failed ID --skip-backup}. */
    public Started retryFailed(Principal who, String deployment, DeployTimeouts timeouts, DeploySkips skips) {
        return auditingRefusal(who, "deploy.retry-failed", deployment, () -> deploymentWork.retry(who, deployment, timeouts, skips));
    }

    /**
     * Asks a running deployment to stop, in whichever process it runs (this console, another, the command line): it starts
     * no new tenant and ends stopped. Audited by the engine as asked; refused (and audited denied) when it is not running.
     */
    public DeploymentRecord stop(Principal who, String deployment) {
        try {
            return fleet.plane().stopRequests().request(deployment, who.user(), who.source());
        } catch (FlotillaException e) {
            throw audited(e, who, "deploy.stop-requested", null, deployment, e.getMessage(), "denied");
        }
    }

    /**
     * Continues a deployment as {@code deploy --resume} does: an interrupted one (its process died), a stopped one, a
     * failed one whose later tenants were skipped: its pending, interrupted and skipped tenants (its failed ones not).
     */
    public Started resume(Principal who, String deployment) {
        return resume(who, deployment, false);
    }

    /**
     * As above, with {@code continueOnError} as {@code deploy --resume ID --continue-on-error}: past a failed canary too,
     * a tenant failing then not stopping the rest.
     */
    public Started resume(Principal who, String deployment, boolean continueOnError) {
        return resume(who, deployment, continueOnError, DeploySkips.NONE);
    }

    /** As above, without the backup when {@code skips} say so, as {@code deploy --resume ID --skip-backup}. */
    public Started resume(Principal who, String deployment, boolean continueOnError, DeploySkips skips) {
        return auditingRefusal(who, "deploy.resume", deployment, () -> deploymentWork.resume(who, deployment, continueOnError, skips));
    }

    /**
     * The NOT_TESTED refusal a resume ({@code failedOnly} false) or retry of the deployment would meet now
     * (deploy.requireTested, or a deployment started with --require-tested), for its confirmation page; nothing is
     * reopened, recorded or audited. Empty when it would not meet one.
     */
    public Optional<dev.flotilla.run.NotTestedRefusal> untested(Principal who, String deployment, boolean failedOnly,
                                                                 boolean continueOnError) {
        return deploymentWork.untested(who, deployment, failedOnly, continueOnError);
    }

    /** Undoes exactly what a deployment applied, as a deployment of kind rollback. */
    public Started rollback(Principal who, String deployment) {
        return auditingRefusal(who, "rollback.requested", deployment, () -> deploymentWork.rollback(who, deployment));
    }

    /** A refused action (still running, rolled back already...) is in the audit log too, as every refusal is. */
    private <T> T auditingRefusal(Principal who, String action, String deployment, java.util.function.Supplier<T> start) {
        try {
            return start.get();
        } catch (FlotillaException e) {
            throw audited(e, who, action, null, deployment, e.getMessage(), "denied");
        }
    }

    /**
     * Provisions a new tenant as {@code flotilla tenants create} does, waiting for it: created, built, proven,
     * registered, or nothing kept.
     */
    public dev.flotilla.run.TenantProvisioning.Result provision(Principal who, Tenant tenant, boolean baseline, TenantId from) {
        var provisioning = new dev.flotilla.run.TenantProvisioning(fleet.plane(), fleet.tenancyForAction(),
                fleet.template(), fleet.loadMigrations(), who.user());
        try {
            var result = provisioning.create(new dev.flotilla.run.TenantProvisioning.Request(tenant, baseline
                    ? dev.flotilla.run.TenantProvisioning.Mode.BASELINE : dev.flotilla.run.TenantProvisioning.Mode.REPLAY, from));
            audit(who, "tenant.create.requested", tenant.id().value(), null, result.how(), "ok");
            return result;
        } catch (FlotillaException e) {
            throw audited(e, who, "tenant.create.requested", tenant.id().value(), null, e.code().name(), "failed");
        }
    }

    /**
     * Records {@code e}, which ended {@code who}'s action (refused it, or it failed), and gives it back to be thrown: the
     * console's answer to it then records nothing more ({@link #inAuditLog}).
     */
    public FlotillaException audited(FlotillaException e, Principal who, String action, String tenant, String deployment,
                                     String details, String outcome) {
        audit(who, action, tenant, deployment, details, outcome);
        inAuditLog.add(e);
        return e;
    }

    /** Whether {@link #audited} recorded {@code e}. */
    public boolean inAuditLog(Throwable e) {
        return inAuditLog.contains(e);
    }

    /** Records an action of the console; a tenant where it concerns one, a deployment where it started or touched one. */
    public void audit(Principal who, String action, String tenant, String deployment, String details, String outcome) {
        fleet.plane().audit().record(who.user(), action, tenant, deployment, details, outcome, who.source());
    }

    /** The tenant an entry is about when just one was chosen; a deployment's entries reach its tenants through its tasks. */
    public static String onlyOne(Collection<TenantId> tenants) {
        return tenants.size() == 1 ? tenants.iterator().next().value() : null;
    }

    /** The registered tenants with these ids, in the control plane's order; an unknown id is an error naming it. */
    public List<TenantTarget> targets(Collection<TenantId> ids) {
        return chosen.targets(ids);
    }

    /** The registered tenants, each of its methods reading them once: read once per action, choose among them. */
    ChosenTenants chosen() {
        return chosen;
    }

    private static String describe(List<String> versions, Collection<TenantId> tenants) {
        return "versions " + String.join(",", versions) + "; " + describe(tenants);
    }

    static String describe(Collection<TenantId> tenants) {
        return dev.flotilla.tenant.TenantSelection.describe(tenants);
    }
}
