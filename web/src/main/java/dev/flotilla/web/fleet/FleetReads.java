package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.run.PlanRecords;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Reads of the tenants whose state the control plane does not know (never planned, deployed or checked), started from
 * the dashboard: the fleet planner over them as {@code flotilla plan --all} runs it, in the background, each plan then
 * recorded as the command records it (state, version, pending count), so that the dashboard counts them where they
 * stand. Reads the targets only; audited as {@code plan}. Authorization is the caller's job. Thread-safe.
 */
public final class FleetReads {
    private final ConsoleFleet fleet;
    private final FleetActions actions;
    private final FleetJobs<List<TenantPlan>> reads;

    FleetReads(ConsoleFleet fleet, FleetActions actions, ExecutorService background) {
        this.fleet = fleet;
        this.actions = actions;
        this.reads = new FleetJobs<>(background, fleet.plane()::scrub, (plans, scrub) -> plans.stream()
                .map(p -> p.masked(scrub)).toList());
    }

    public FleetJobs<List<TenantPlan>> reads() {
        return reads;
    }

    /**
     * Plans every tenant whose state is unknown now, in the background, and records what each plan found; refused
     * (BAD_USAGE) when there is none.
     */
    public FleetJobs.Job<List<TenantPlan>> startReadingUnknown(Principal who) {
        List<TenantId> unknown = fleet.plane().tenants().inState(TenantRecord.NEVER_READ, Integer.MAX_VALUE).stream()
                .map(r -> r.tenant().id()).toList();
        if (unknown.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No tenant's state is unknown now: every one has been read"
                    + " (the dashboard counts them by state). Nothing was started.");
        }
        var migrations = fleet.loadMigrations();
        FleetJobs.Job<List<TenantPlan>> job = reads.start(who.user(), List.of(), false, unknown, new FleetJobs.Work<>() {
            private FleetJobs.Job<List<TenantPlan>> shown;

            @Override
            public void starting(FleetJobs.Job<List<TenantPlan>> job) {
                shown = job;
            }

            @Override
            public List<TenantPlan> run() {
                // The registered tenants read once: for the targets, and for the versions their plans are compared with.
                ChosenTenants.WithSharing chosen = actions.chosen().withSharing(unknown);
                int reading = chosen.targets().size();
                shown.progressed(0, reading);
                List<TenantPlan> plans = PlanRecords.withVanishedTargets(chosen.records(), TestsBeforeDeploy.plan(fleet,
                        who.user(), migrations, chosen.targets(), false, read -> shown.progressed(read, reading)));
                PlanRecords.record(fleet.plane(), plans, chosen.records());
                return plans;
            }

            @Override
            public void finished(FleetJobs.Job<List<TenantPlan>> job, List<TenantPlan> plans) {
                actions.audit(who, "plan", FleetActions.onlyOne(unknown), null, summary(plans), "ok");
            }

            @Override
            public void failed(FleetJobs.Job<List<TenantPlan>> job, String error) {
                actions.audit(who, "plan", FleetActions.onlyOne(unknown), null, "could not run: " + error, "failed");
            }
        });
        actions.audit(who, "plan.requested", FleetActions.onlyOne(unknown), null, "the tenants whose state was unknown: "
                + FleetActions.describe(unknown), "ok");
        return job;
    }

    /** How many of a read's tenants its result page lists at once; the others on the pages after. */
    public static final int PAGE = 500;

    /** How many tenants the plans found in each state, in the order of their first: "3 pending, 1 unreachable". */
    public static String summary(List<TenantPlan> plans) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        plans.forEach(p -> counts.merge(p.stateWord(), 1, Integer::sum));
        return plans.size() + " tenant(s) read: " + String.join(", ", counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
