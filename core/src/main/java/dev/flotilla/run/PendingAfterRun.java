package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.plan.TenantPlan;

/**
 * What a task's run left on its tenant, read from its history after the run for the fleet's view of the tenant: after
 * a rollback that succeeded, its version and what is pending; after a deploy that failed, what is pending, as
 * {@code plan} counts it (versions and repeatables, those beyond the deployment's ceiling too).
 */
final class PendingAfterRun {
    private PendingAfterRun() {
    }

    /** Notes in {@code progress} what {@code report}'s run left, when it is a rollback that succeeded or a deploy that failed. */
    static void note(RunProgress progress, RunReport report, boolean rollingBack, TenantTarget target, TargetRunner runner,
                     TargetOptions options, int beyondCeiling) {
        if (rollingBack && report.ok()) {
            // The tenant's version and pending migrations after the rollback, for the fleet's view of it.
            TenantPlan after = planNow(target, runner, options);
            progress.versionAfterRollback = after.currentVersion();
            progress.pendingAfterRollback = after.pending().size();
        } else if (!rollingBack && !report.ok()) {
            progress.pendingAfterFailure = pendingAfterFailure(target, runner, options, beyondCeiling);
        }
    }

    /**
     * What a deploy that failed left pending, as {@code plan} counts it (versions and repeatables, those beyond the
     * ceiling too); null when the plan cannot be read now (the connection that failed the deploy), the count then
     * falling back to the versions.
     */
    private static Integer pendingAfterFailure(TenantTarget target, TargetRunner runner, TargetOptions options,
                                               int beyondCeiling) {
        try {
            return planNow(target, runner, options).pending().size() + beyondCeiling;
        } catch (FlotillaException e) {
            return null;
        }
    }

    /** The tenant's plan as its history stands now, after this task's run: its version and what is pending. */
    private static TenantPlan planNow(TenantTarget target, TargetRunner runner, TargetOptions options) {
        return TenantPlan.of(target.tenant().id(), runner.plan(), null, options.policy());
    }
}
