package dev.flotilla.web.fleet;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.run.ChangedSinceDryRun;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.run.TestedPlans;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a deploy would find of its tenants, asked before it is: their plan, whose notices the wizard's confirmation and
 * the API's plan show, and their tests ({@link TestedPlans}): the confirmation says, in one grouped line, which tenants
 * have no passing dry run of what the deploy applies, as {@code flotilla
 * deploy} warns, or that deploy.requireTested will refuse it; and which tenants changed since the wizard's test started
 * ({@link ChangedSinceDryRun}), for which the deploy naming that test will be refused. Planned as {@link FleetActions#deploy} plans, tenants
 * sharing a chosen one's target included.
 */
public final class TestsBeforeDeploy {
    /**
     * The tenants' tests, null when no tenant is given (a confirmation deploying to none has nothing to warn of); and
     * those changed since the test started, each with when it last changed, in the deploy's order.
     */
    public record Found(TestedPlans tests, Map<TenantId, Instant> changedSinceTest) {
        public Found {
            changedSinceTest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changedSinceTest));
        }
    }

    private TestsBeforeDeploy() {
    }

    /**
     * The plan of {@code tenants} as the deploy would make it, tenants sharing a chosen one's target included; empty when
     * no tenant is given. {@code all} is the folder as the page read it, once for all it shows.
     */
    public static List<TenantPlan> plan(ConsoleFleet fleet, FleetActions actions, String user, LoadedMigrations all,
                                        List<String> versions, Collection<TenantId> tenants, boolean outOfOrder) {
        return tenants.isEmpty() ? List.of() : plan(fleet, actions, user, MigrationFiles.upTo(all, versions), tenants, outOfOrder);
    }

    /** The plan of {@code tenants} (at least one) for {@code migrations}, as {@code flotilla plan} makes it. */
    public static List<TenantPlan> plan(ConsoleFleet fleet, FleetActions actions, String user, LoadedMigrations migrations,
                                        Collection<TenantId> tenants, boolean outOfOrder) {
        return plan(fleet, user, migrations, actions.chosen().withSharing(tenants).targets(), outOfOrder);
    }

    /** The plan of {@code targets}, chosen with those sharing them, as {@code flotilla plan} makes it. */
    static List<TenantPlan> plan(ConsoleFleet fleet, String user, LoadedMigrations migrations, List<TenantTarget> targets,
                                 boolean outOfOrder) {
        return plan(fleet, user, migrations, targets, outOfOrder, read -> { });
    }

    /** As above, telling {@code readSoFar} how many of {@code targets} have been read as more are. */
    static List<TenantPlan> plan(ConsoleFleet fleet, String user, LoadedMigrations migrations, List<TenantTarget> targets,
                                 boolean outOfOrder, java.util.function.IntConsumer readSoFar) {
        return new FleetPlanner(fleet.templateAs(user, outOfOrder), migrations, fleet.deploy().concurrency(),
                fleet.deploy().perServer()).plan(targets, readSoFar);
    }

    /**
     * What the deploy would find of the tests of {@code plans} ({@link #plan}), none for no plan (nothing to warn of);
     * {@code test} is the draft's finished test.
     */
    public static Found of(ConsoleFleet fleet, List<TenantPlan> plans, LoadedMigrations all, List<String> versions,
                           boolean outOfOrder, FleetDryRunRecord test) {
        if (plans.isEmpty()) {
            return new Found(null, Map.of());
        }
        return new Found(TestedPlans.of(fleet.plane(), plans, MigrationFiles.upTo(all, versions), outOfOrder)
                .upTo(MigrationFiles.ceilingBelowNewest(all, versions)),
                ChangedSinceDryRun.changed(fleet.plane(), test.started(), plans));
    }
}
