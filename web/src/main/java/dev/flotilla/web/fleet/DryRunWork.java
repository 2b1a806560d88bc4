package dev.flotilla.web.fleet;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.DryRunRecords;
import dev.flotilla.run.FleetDryRun;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import java.util.List;
import java.util.Map;

/**
 * A fleet dry run started from the console or the API, as a {@link FleetJobs} job: recorded in the control plane as it
 * starts (what it tests: versions, files, tenants, whether out of order) and as it ends (the diffs, each tenant's
 * outcome), so that a deploy naming it is gated on that record ({@link FleetDryRunRecord}) even after the console
 * restarts; its outcome audited before the job shows it, as a deployment's is.
 */
final class DryRunWork implements FleetJobs.Work<List<TenantDryRun>> {
    private final ConsoleFleet fleet;
    private final Principal who;
    private final LoadedMigrations migrations;
    private final ChosenTenants.Read chosen;
    private final boolean outOfOrder;

    /**
     * @param chosen the tenants to test, with the baselines the plane kept, which the dry run writes only where they changed
     * @param outOfOrder as {@code dry-run --out-of-order}: pending migrations older than a tenant's newest run too
     */
    DryRunWork(ConsoleFleet fleet, Principal who, LoadedMigrations migrations, ChosenTenants.Read chosen, boolean outOfOrder) {
        this.fleet = fleet;
        this.who = who;
        this.migrations = migrations;
        this.chosen = chosen;
        this.outOfOrder = outOfOrder;
    }

    @Override
    public void starting(FleetJobs.Job<List<TenantDryRun>> job) {
        fleet.plane().dryRuns().started(job.id(), who.user(), job.versions(), FleetDryRunRecord.checksums(migrations), outOfOrder,
                job.tenants());
    }

    @Override
    public List<TenantDryRun> run() {
        return new FleetDryRun(fleet.templateAs(who.user(), outOfOrder), migrations, fleet.dryRun(), fleet.deploy().concurrency(),
                fleet.deploy().perServer()).run(chosen.targets());
    }

    @Override
    public void finished(FleetJobs.Job<List<TenantDryRun>> job, List<TenantDryRun> results) {
        DryRunRecords.record(fleet.plane(), results, migrations, chosen.records());
        fleet.plane().dryRuns().finished(job.id(), job.millis(), null, DryRunRecords.outcomes(results));
        DryRunRecords.audit(fleet.plane(), who.user(), "dry-run.finished", results, job.millis(), who.source());
    }

    @Override
    public void failed(FleetJobs.Job<List<TenantDryRun>> job, String error) {
        try {
            fleet.plane().dryRuns().finished(job.id(), job.millis(), error, Map.of());
        } finally {
            fleet.plane().audit().record(who.user(), "dry-run.finished", null, null, error, "failed", who.source());
        }
    }
}
