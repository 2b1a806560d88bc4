package dev.flotilla.web.fleet;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.SharedTargets;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.run.TestedPlans;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import java.util.Collection;
import java.util.List;

/**
 * What a deploy would find of its tenants' tests ({@link TestedPlans}), asked before it is: the wizard's confirmation
 * says, in one grouped line, which tenants have no passing dry run of what the deploy applies, as {@code flotilla
 * deploy} warns, or that deploy.requireTested will refuse it. Planned as {@link FleetActions#deploy} plans, tenants
 * sharing a chosen one's target included.
 */
public final class TestsBeforeDeploy {
    private TestsBeforeDeploy() {
    }

    /**
     * Null when no tenant is given: a confirmation deploying to none has nothing to warn of. {@code all} is the folder as
     * the page read it, once for all it shows.
     */
    public static TestedPlans of(ConsoleFleet fleet, FleetActions actions, String user, LoadedMigrations all,
                                 List<String> versions, Collection<TenantId> tenants, boolean outOfOrder) {
        if (tenants.isEmpty()) {
            return null;
        }
        LoadedMigrations migrations = MigrationFiles.upTo(all, versions);
        List<TenantTarget> targets = SharedTargets.withSharing(actions.targets(tenants), actions.registered());
        List<TenantPlan> plans = new FleetPlanner(fleet.templateAs(user, outOfOrder), migrations, fleet.deploy().concurrency(),
                fleet.deploy().perServer()).plan(targets);
        return TestedPlans.of(fleet.plane(), plans, migrations, outOfOrder)
                .upTo(MigrationFiles.ceilingBelowNewest(all, versions));
    }
}
