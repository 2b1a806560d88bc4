package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantTestRecords;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A deploy naming a fleet dry run (the console's, the API's, a CI job's {@code flotilla dry-run}) held to the rule
 * deploy.requireTested holds each tenant's newest dry run to ({@link TestedPlans}): a tenant with something to apply that
 * a deployment, rollback, restore or repair changed since the run started was tested as it was, not as it is; the deploy
 * is refused (NOT_TESTED) before anything is recorded, naming those tenants and the dry run that tests them again. An
 * up-to-date tenant is left out, as it is there: the deploy applies nothing to it. Stateless.
 */
public final class ChangedSinceDryRun {
    /** The most tenants a refusal names; the dry-run command it gives names them all. */
    private static final int NAMED = 20;

    private ChangedSinceDryRun() {
    }

    /**
     * The tenants of {@code plans} with something to apply that changed since a dry run started at {@code started}, each
     * with when it last changed, in the plans' order: those {@link #require} refuses the deploy for, for the wizard's
     * confirmation to warn of before it is asked.
     */
    public static Map<TenantId, Instant> changed(ControlPlane plane, Instant started, List<TenantPlan> plans) {
        List<TenantId> work = plans.stream().filter(p -> p.state() != TenantPlan.State.UP_TO_DATE).map(TenantPlan::tenant)
                .toList();
        Map<TenantId, Instant> changes = TenantTestRecords.changes(plane, work);
        Map<TenantId, Instant> changed = new java.util.LinkedHashMap<>();
        work.stream().filter(t -> TenantTestRecords.changedSince(changes.get(t), started))
                .forEach(t -> changed.put(t, changes.get(t)));
        return changed;
    }

    /**
     * Refuses the deploy of {@code plans} after dry run {@code dryRun}, started at {@code started}, when a tenant with
     * something to apply changed since. The command it gives stops at {@code ceiling} ({@code --to}; null: no limit) and
     * runs out-of-order migrations when the deploy does.
     */
    public static void require(ControlPlane plane, String dryRun, Instant started, List<TenantPlan> plans,
                               MigrationVersion ceiling, boolean outOfOrder) {
        List<String> changed = changed(plane, started, plans).keySet().stream().map(TenantId::value).toList();
        if (changed.isEmpty()) {
            return;
        }
        String command = TestedPlans.dryRunOf(changed, ceiling, outOfOrder).commandLine();
        throw new FlotillaException(ErrorCode.NOT_TESTED, "Nothing was deployed: " + changed.size() + " tenant(s) changed"
                + " (a deployment, rollback, restore or repair) since dry run " + dryRun + " started, which tested them as they"
                + " were: " + changed.stream().limit(NAMED).collect(Collectors.joining(", "))
                + (changed.size() > NAMED ? " and " + (changed.size() - NAMED) + " more" : "") + ". Dry-run them again (`"
                + command + "`, the console's test step, or POST /api/v1/dry-runs) and deploy naming that dry run.");
    }
}
