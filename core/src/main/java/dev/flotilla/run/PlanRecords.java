package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.plan.TenantPlan;
import java.util.List;
import java.util.Map;

/**
 * What plans learned of tenants, kept in the control plane for {@code status --fleet}, the tenant list and the console:
 * {@code plan} records every plan, and so do the commands that change a history without a deployment (repair, baseline,
 * adopt: the command line's and the console's alike) with the tenants they changed, read again.
 */
public final class PlanRecords {
    private PlanRecords() {
    }

    /**
     * Keeps the plans' states. They go through the plane's writer, which commits them together (a commit per tenant grew
     * an embedded file by ~15 kB each until H2 reused the space: 160 MB for 10,000 tenants) and, should a batch meet a
     * concurrent deployment's write, one by one.
     */
    public static void record(ControlPlane plane, List<TenantPlan> plans) {
        try (WriteBehind records = plane.writeBehind()) {
            for (TenantPlan plan : withVanishedTargets(plane, plans)) {
                records.add("recording the plan of " + plan.tenant(), () -> record(plane, plan));
            }
        }
    }

    /**
     * Keeps what {@code plans}, read before a deploy, say of each tenant's baseline as it will be once the deploy ran what
     * is pending there (a version pending below the baseline, deployed out of order, then counts as run), where the plane
     * kept another or none: a deploy reads every history anyway, so lint need not wait for a plan to learn it. Writes
     * only the tenants whose baseline changed; an unreadable tenant's stays.
     */
    public static void learnBaselines(ControlPlane plane, List<TenantPlan> plans) {
        Map<String, String> kept = plane.tenants().baselines();
        try (WriteBehind records = plane.writeBehind()) {
            for (TenantPlan plan : plans) {
                String learned = plan.baseline().ranAlso(plan.pending()).column();
                if (plan.state() != TenantPlan.State.UNREACHABLE && kept.containsKey(plan.tenant().value())
                        && plan.problems().stream().noneMatch(p -> p.code() == ErrorCode.TARGET_MISSING)
                        && !learned.equals(kept.get(plan.tenant().value()))) {
                    records.add("recording the baseline of " + plan.tenant(),
                            () -> plane.tenants().updateBaseline(plan.tenant(), learned));
                }
            }
        }
    }

    /**
     * A tenant the control plane knew at a version whose target now has no history at all is blocked, not "pending
     * from the first migration": its schema, database or history table is gone (TARGET_MISSING, as deploy says of a
     * missing schema). The registry is read only when some plan has no version.
     */
    public static List<TenantPlan> withVanishedTargets(ControlPlane plane, List<TenantPlan> plans) {
        if (plans.stream().noneMatch(p -> p.state() == TenantPlan.State.PENDING && p.currentVersion() == null)) {
            return plans;
        }
        Map<dev.flotilla.tenant.TenantId, String> known = new java.util.HashMap<>();
        plane.tenants().all().stream().filter(r -> r.currentVersion() != null)
                .forEach(r -> known.put(r.tenant().id(), r.currentVersion()));
        return plans.stream().map(p -> p.state() != TenantPlan.State.PENDING || p.currentVersion() != null
                || !known.containsKey(p.tenant()) ? p
                : new TenantPlan(p.tenant(), p.target(), null, p.pending(), List.of(new dev.flotilla.plan.Problem(
                        ErrorCode.TARGET_MISSING, p.target() + " was at version " + known.get(p.tenant()) + " but has no"
                        + " history now: its schema, database or history table is gone, or tenancy.urlTemplate, tenancy.url,"
                        + " tenancy.schemaTemplate or historyTable changed since it was deployed and name another place (put"
                        + " them back as they were). A deploy refuses it rather than take it for a new tenant. Restore it (`flotilla restore`), or `flotilla tenants remove` it and `tenants add`"
                        + " it again to start over.", null)), null, null, null)).toList();
    }

    /**
     * An unreachable tenant's version is not known: the one known before stays. So does a vanished target's (see
     * {@link #withVanishedTargets}): forgotten, the next deploy would take the tenant for a new one and create its schema
     * again, empty. A tenant whose checks failed stays failed-verification while it is up to date: the plan reads its
     * history, not its data.
     */
    private static void record(ControlPlane plane, TenantPlan plan) {
        // "locked" for a tenant another session holds (status --fleet says so), "refused" for one whose login was refused,
        // "unreachable" for one not reached.
        if (plan.state() == TenantPlan.State.UNREACHABLE
                || plan.problems().stream().anyMatch(p -> p.code() == ErrorCode.TARGET_MISSING)) {
            plane.tenants().updateStateKeepingVersion(plan.tenant(), plan.stateWord(), null, null, plan.blocker());
        } else {
            // "blocked", as the plan says: status --fleet --live shows the word plan shows for the same reading.
            plane.tenants().updatePlanned(plan.tenant(), plan.state().word(), plan.currentVersion(), plan.baseline().column(),
                    plan.pending().size(), plan.blocker());
        }
    }
}
