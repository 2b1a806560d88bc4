package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.FleetRepair;
import dev.flotilla.run.FleetRepair.TenantRepair;
import dev.flotilla.run.PlanRecords;
import dev.flotilla.run.RepairRequest;
import dev.flotilla.run.SharedTargets;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import java.util.List;

/**
 * Repairs a tenant's history as {@code flotilla repair --tenants ID} does, while the caller waits (a read and a delete
 * per target): the failed records removed so a deploy runs their migrations again, one whose statements stay applied
 * refused ({@code REPAIR_REFUSED}, naming them) unless {@code rerunFromStart}. In shared-schema tenancy the tenants
 * sharing its target share its one history table: they are repaired with it, each recorded and audited. Authorization
 * is the caller's job. Thread-safe.
 */
public final class RepairWork {
    /** Repair loads what it repairs: an edited, missing or out-of-order file is no reason to leave a failed record. */
    private static final ValidationPolicy LENIENT = new ValidationPolicy(true, true, true);

    /**
     * What a repair did: each tenant's outcome (the one asked for first, then those sharing its target), and the notes
     * saying which tenants were repaired with it because they share its history table (none on a target of its own).
     */
    public record Outcome(List<TenantRepair> tenants, List<String> shared) {
        public Outcome {
            tenants = List.copyOf(tenants);
            shared = List.copyOf(shared);
        }

        /** The first tenant left as it was, or null when every one was repaired. */
        public TenantRepair refused() {
            return tenants.stream().filter(t -> !t.ok()).findFirst().orElse(null);
        }
    }

    /** Thrown before anything is changed or audited: the tenant's history records no failed migration. */
    public static final class NothingToRepair extends RuntimeException {
        NothingToRepair(String message) {
            super(message);
        }
    }

    private final ConsoleFleet fleet;
    private final FleetActions actions;
    private final RepairResults results = new RepairResults(100);

    RepairWork(ConsoleFleet fleet, FleetActions actions) {
        this.fleet = fleet;
        this.actions = actions;
    }

    /** The tenant page's repairs, kept for the page its form redirects to. */
    public RepairResults results() {
        return results;
    }

    /** The other registered tenants on {@code tenant}'s target (shared-schema), repaired with it; none on its own target. */
    public List<TenantId> repairedWith(TenantId tenant) {
        return actions.chosen().sharingWith(tenant);
    }

    /**
     * Removes the failed records of {@code tenant}'s history (and so of the tenants sharing it), each tenant's outcome
     * audited as {@code repair} with its id (as the command line's, which {@code deploy.requireTested} reads as a change
     * of the tenant), then {@code repair.finished}; the tenants' states in the control plane read again after, as the
     * command line's repair does. A history with no failed record is refused first ({@link NothingToRepair}). Reads the
     * registered tenants once.
     */
    public Outcome repair(Principal who, TenantId tenant, boolean rerunFromStart) {
        ChosenTenants.Read read = actions.chosen().readRegistered();
        List<TenantTarget> registered = read.targets();
        List<TenantTarget> chosen = ChosenTenants.among(List.of(tenant), registered);
        List<TenantTarget> targets = SharedTargets.withSharing(chosen, registered);
        List<String> shared = SharedTargets.alsoRepaired(SharedTargets.partial(chosen, registered));
        LoadedMigrations migrations = fleet.loadMigrations();
        TargetOptions template = fleet.templateAs(who.user());
        FleetPlanner planner = new FleetPlanner(template, migrations, fleet.deploy().concurrency(), fleet.deploy().perServer());
        requireFailedRecord(tenant, planner.plan(chosen).get(0));
        RepairRequest request = rerunFromStart ? RepairRequest.REMOVE_FAILED_TO_RERUN : RepairRequest.REMOVE_FAILED;
        List<TenantRepair> results = new FleetRepair(template.withPolicy(LENIENT), migrations, fleet.deploy().concurrency(),
                fleet.deploy().perServer()).repair(targets, request);
        audit(who, tenant, results, rerunFromStart);
        PlanRecords.record(fleet.plane(), planner.plan(targets), read.records());
        return new Outcome(results, shared);
    }

    /** A tenant read whose plan names no failed migration has nothing to repair; one not read is left to the repair's error. */
    private static void requireFailedRecord(TenantId tenant, TenantPlan plan) {
        if (plan.state() != TenantPlan.State.UNREACHABLE
                && plan.problems().stream().noneMatch(p -> p.code() == ErrorCode.FAILED_MIGRATION)) {
            throw new NothingToRepair("Nothing to repair on " + tenant + ": its history table (" + plan.target() + ") records no"
                    + " failed migration" + (plan.blocker() == null ? "." : "; what blocks it is not a failed record: "
                    + plan.blocker()));
        }
    }

    /** In one transaction, as the command line's: a tenant's entry each, then the run's. */
    private void audit(Principal who, TenantId tenant, List<TenantRepair> results, boolean rerunFromStart) {
        long refused = results.stream().filter(r -> !r.ok()).count();
        fleet.plane().together("auditing the repair", () -> {
            for (TenantRepair result : results) {
                actions.audit(who, "repair", result.tenant().value(), null, result.ok() ? String.join(" ", result.change().actions())
                        : result.error(), result.ok() ? "ok" : "failed");
            }
            actions.audit(who, "repair.finished", tenant.value(), null, results.size() + " tenant(s), " + refused + " refused"
                    + (rerunFromStart ? ", to rerun from the start" : ""), refused == 0 ? "ok" : "failed");
        });
    }
}
