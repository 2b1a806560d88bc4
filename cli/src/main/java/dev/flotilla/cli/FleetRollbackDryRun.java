package dev.flotilla.cli;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.FleetDryRun;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRollback;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.run.TenantMergeGuard;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a rollback of the fleet would undo on each tenant, before anything is recorded: its dry run ({@code rollback
 * --dry-run}: the down scripts run where nothing is kept, with the merge guard's findings as the refusals the rollback
 * would meet), and the guard's check before the command asks for confirmation.
 *
 * @param deployment the deployment whose rollback it is ({@code --deployment}), or null
 * @param selected the selected tenants ({@code --tenants/--group/--all}), when {@code deployment} is null
 * @param request the {@code --steps}/{@code --to} of the selected tenants, asked for only when there are
 */
record FleetRollbackDryRun(FleetContext context, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                           String deployment, Supplier<List<TenantTarget>> selected, Supplier<RollbackRequest> request) {

    /** Runs the dry run and finishes the command's output with it. */
    int run(Output output, String command, List<TenantTarget> registered) {
        Map<TenantId, RollbackRequest> requests = requests(registered);
        List<TenantTarget> tenants = tenants(registered, requests);
        var findings = guard().check(tenants, requests);
        findings.notices().forEach(output::warn);
        long start = System.nanoTime();
        List<TenantDryRun> results = new FleetDryRun(template, migrations, DryRunOptions.DEFAULTS, options.concurrency(),
                options.perServer()).run(tenants, t -> DryRunOptions.DEFAULTS.withRollback(requests.get(t.tenant().id())));
        return FleetDryRunReports.finishFleet(output, command, results, (System.nanoTime() - start) / 1_000_000,
                DryRunOptions.DEFAULTS.sampleRows(), findings.refusals());
    }

    /**
     * Refuses, before the question, a rollback whose down files would merge a shared schema's tenants or that could not
     * be checked (the rollback itself refuses it too, for the console's and the API's); any other refusal is left to the
     * rollback, where it is said today. What the guard says without refusing is warned of on {@code output}. Returns
     * what it found, for the rollback to take rather than read the targets again ({@link FleetRollback#guardedBy}); null
     * when it read nothing (not a shared schema, or a refusal left to the rollback).
     */
    TenantMergeGuard.Findings refuseMergingTenants(Output output, List<TenantTarget> registered) {
        if (context.sharedTenantColumn() == null) {
            return null;
        }
        Map<TenantId, RollbackRequest> requests;
        try {
            requests = requests(registered);
        } catch (dev.flotilla.FlotillaException e) {
            return null;
        }
        var findings = guard().check(registered.stream().filter(t -> requests.containsKey(t.tenant().id())).toList(), requests);
        findings.notices().forEach(output::warn);
        findings.refuseAny();
        return findings;
    }

    /**
     * The guard read again, once the rollback's question is answered, against {@code asked}, what it said before: refused
     * when it now refuses or says more ({@link GuardRecheck}); what it found now, for the rollback to take. Null when
     * {@code asked} is (nothing was read).
     */
    TenantMergeGuard.Findings recheck(List<TenantTarget> registered, TenantMergeGuard.Findings asked) {
        if (asked == null) {
            return null;
        }
        Map<TenantId, RollbackRequest> requests = requests(registered);
        var now = guard().check(registered.stream().filter(t -> requests.containsKey(t.tenant().id())).toList(), requests);
        GuardRecheck.refuseChanged(asked, now);
        return now;
    }

    /** What the rollback undoes on each tenant: what --deployment applied, or --steps/--to on the selected tenants. */
    private Map<TenantId, RollbackRequest> requests(List<TenantTarget> registered) {
        Map<TenantId, RollbackRequest> requests = new LinkedHashMap<>();
        if (deployment != null) {
            requests.putAll(new FleetRollback(context.plane(), template, migrations, options, FleetListener.SILENT)
                    .requests(deployment, registered));
        } else {
            List<TenantTarget> tenants = selected.get();
            FleetRollback.requireWholeTargets(tenants, registered);
            RollbackRequest each = request.get();
            tenants.forEach(t -> requests.put(t.tenant().id(), each));
        }
        return requests;
    }

    private List<TenantTarget> tenants(List<TenantTarget> registered, Map<TenantId, RollbackRequest> requests) {
        return deployment != null ? registered.stream().filter(t -> requests.containsKey(t.tenant().id())).toList()
                : selected.get();
    }

    /** The guard of the shared schema's tenant column (tenancy.tenantColumn), when there is one. */
    private TenantMergeGuard guard() {
        return new TenantMergeGuard(template, migrations, options.concurrency(), context.sharedTenantColumn());
    }
}
