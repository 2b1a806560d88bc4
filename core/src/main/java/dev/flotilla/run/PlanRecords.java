package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.control.WriteBehind;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.util.HashMap;
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
     * concurrent deployment's write, one by one. {@code records}: the tenants as the command read them before its plans,
     * which tell a plan without a version from a vanished target ({@link #withVanishedTargets}); the plane is not read.
     */
    public static void record(ControlPlane plane, List<TenantPlan> plans, List<TenantRecord> records) {
        List<TenantPlan> checked = withVanishedTargets(records, plans);
        try (WriteBehind writes = plane.writeBehind()) {
            for (TenantPlan plan : checked) {
                writes.add("recording the plan of " + plan.tenant(), () -> record(plane, plan));
            }
        }
    }

    /**
     * Keeps what {@code plans}, read before a deploy, say of each tenant's baseline as it will be once the deploy ran what
     * is pending there (a version pending below the baseline, deployed out of order, then counts as run), where the plane
     * kept another or none: a deploy reads every history anyway, so lint need not wait for a plan to learn it. What the
     * plane kept is the tenants' {@code records} the deploy read before its plans (no other read); writes only the tenants
     * whose baseline changed, and those still registered then; an unreadable tenant's stays.
     */
    public static void learnBaselines(ControlPlane plane, List<TenantPlan> plans, List<TenantRecord> records) {
        Map<TenantId, TenantRecord> kept = byId(records);
        try (WriteBehind writes = plane.writeBehind()) {
            for (TenantPlan plan : plans) {
                String learned = plan.baseline().ranAlso(plan.pending()).column();
                TenantRecord record = kept.get(plan.tenant());
                if (plan.state() != TenantPlan.State.UNREACHABLE && record != null
                        && plan.problems().stream().noneMatch(p -> p.code() == ErrorCode.TARGET_MISSING)
                        && !learned.equals(record.baselineVersion())) {
                    writes.add("recording the baseline of " + plan.tenant(),
                            () -> plane.tenants().updateBaseline(plan.tenant(), learned));
                }
            }
        }
    }

    /**
     * A tenant the control plane knew at a version whose target now has no history at all is blocked, not "pending
     * from the first migration": its schema, database or history table is gone (TARGET_MISSING, as deploy says of a
     * missing schema). What the plane knew is the tenants' {@code records}, read before the plans.
     */
    public static List<TenantPlan> withVanishedTargets(List<TenantRecord> records, List<TenantPlan> plans) {
        if (!someUnversioned(plans)) {
            return plans;
        }
        Map<TenantId, TenantRecord> known = byId(records);
        return plans.stream().map(p -> {
            String was = known.containsKey(p.tenant()) ? known.get(p.tenant()).currentVersion() : null;
            return !unversioned(p) || was == null ? p : vanished(p, was);
        }).toList();
    }

    private static boolean someUnversioned(List<TenantPlan> plans) {
        return plans.stream().anyMatch(PlanRecords::unversioned);
    }

    private static boolean unversioned(TenantPlan plan) {
        return plan.state() == TenantPlan.State.PENDING && plan.currentVersion() == null;
    }

    private static TenantPlan vanished(TenantPlan p, String was) {
        return new TenantPlan(p.tenant(), p.target(), null, p.pending(), List.of(new Problem(ErrorCode.TARGET_MISSING,
                p.target() + " was at version " + was + " but has no history now: its schema, database or history table is"
                + " gone, or tenancy.urlTemplate, tenancy.url, tenancy.schemaTemplate or historyTable changed since it was"
                + " deployed and name another place (put them back as they were). A deploy refuses it rather than take it"
                + " for a new tenant. Restore it (`flotilla restore`), or `flotilla tenants remove` it and `tenants add` it"
                + " again to start over.", null)), null, null, null);
    }

    private static Map<TenantId, TenantRecord> byId(List<TenantRecord> records) {
        Map<TenantId, TenantRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.tenant().id(), r));
        return byId;
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
