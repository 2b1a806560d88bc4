package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.run.TestedPlans;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", header = "Per tenant, the migrations still pending; nothing is changed.",
        description = "Per tenant, the migrations still pending: one history query per target, nothing changed; targets"
        + " read in parallel (--concurrency, --per-server).")
final class PlanCommand extends FleetCommand {
    @Mixin
    SelectionOptions selection;

    @Mixin
    ConcurrencyOptions limits;

    @picocli.CommandLine.Option(names = "--out-of-order", description = "Count pending migrations older than a tenant's"
            + " latest applied one as pending, as deploy --out-of-order applies them, not as blocking.")
    boolean outOfOrder;

    @picocli.CommandLine.Option(names = "--fail-on", paramLabel = "WHAT", converter = FailOn.Converter.class,
            description = "For CI: also exit 1 when a tenant has migrations pending (pending or any); blocked and"
            + " unreachable (locked, refused) tenants always do (failed).")
    FailOn failOn;

    PlanCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "plan";
    }

    @Override
    ConcurrencyOptions concurrencyOptions() {
        return limits;
    }

    @Override
    int execute() {
        LoadedMigrations migrations = loadMigrations();
        RegisteredFleet fleet = RegisteredFleet.read(context());
        List<TenantTarget> targets = targets(fleet.select(selection));
        SplittableScripts.require(template(policy()), migrations, targets);
        long start = System.nanoTime();
        List<TenantPlan> plans = dev.flotilla.run.PlanRecords.withVanishedTargets(fleet.records(),
                planner(migrations).plan(targets));
        long millis = (System.nanoTime() - start) / 1_000_000;
        record(plane(), plans, fleet.records());
        Table.print(output, new String[] {"Tenant", "State", "Version", "Pending versions", "Target"}, plans.stream()
                .map(p -> new String[] {p.tenant().value(), paint(p), p.currentVersion() == null ? "-"
                        : migrations.label(p.currentVersion()), p.state() == TenantPlan.State.UNREACHABLE ? "unknown"
                        : String.join(", ", p.pending().stream().map(migrations::label).toList()), p.target()}).toList());
        Map<TenantPlan.State, Long> counts = PlanSummary.counts(plans);
        PlanNotices.print(output, plans);
        // A tenant an out-of-order migration blocks is told the dry run that is not refused too, not the one that is.
        List<TenantPlan> late = LateMigrationsTest.blocked(plans, outOfOrder);
        // An unreachable tenant (its error says why) is not sent to a dry run, which could not reach it either.
        TestedPlans tested = TestedPlans.of(plane(), plans.stream().filter(p -> !late.contains(p)
                && p.state() != TenantPlan.State.UNREACHABLE).toList(), migrations, outOfOrder);
        boolean testsRequired = config().deploy().requireTested();
        if (!tested.allPassed()) {
            output.warn((testsRequired ? "deploy.requireTested is on, so a deploy of these tenants now would be refused: "
                    : "") + tested.planWarning());
        }
        if (!late.isEmpty()) {
            output.warn(LateMigrationsTest.warning(late));
        }
        List<TenantPlan> blocked = BlockedPlansTest.blocked(plans, late);
        if (!blocked.isEmpty()) {
            output.warn(BlockedPlansTest.warning(blocked));
        }
        output.line(PlanSummary.line(plans) + " (read in " + millis + " ms)");
        List<Map<String, Object>> errors = new ArrayList<>(errors(plans));
        if (failOn != null) {
            errors.addAll(failOn.errors(plans, p -> p.tenant().value(), TenantPlan::stateWord,
                    p -> ": " + String.join(", ", p.pending()) + " to apply", blocked(plans)));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenants", plans.stream().map(PlanCommand::json).toList());
        // The lines printed above, as GET /api/v1/plan gives them; masked with the rest of the document as it is printed.
        data.put("notices", dev.flotilla.plan.NoticeLine.of(plans).stream().map(l -> l.asMap(text -> text)).toList());
        data.put("summary", PlanSummary.json(counts, plans));
        data.put("wallMs", millis);
        data.put("tests", tested.json(testsRequired));
        return output.finish(name(), data, errors);
    }

    FleetPlanner planner(LoadedMigrations migrations) {
        return context().planner(migrations, policy());
    }

    private ValidationPolicy policy() {
        return ValidationPolicy.STRICT.withOutOfOrder(outOfOrder);
    }

    /**
     * Keeps what the plan learned in the control plane, for {@code status --fleet} ({@link dev.flotilla.run.PlanRecords}),
     * with what the plane kept of the tenants as the command read them (no other read).
     */
    static void record(ControlPlane plane, List<TenantPlan> plans, List<dev.flotilla.control.TenantRecord> records) {
        dev.flotilla.run.PlanRecords.record(plane, plans, records);
    }

    /** The ids of the tenants a deploy would not go through, which {@link #errors} reports. */
    static java.util.Set<String> blocked(List<TenantPlan> plans) {
        return plans.stream().filter(p -> p.blocker() != null).map(p -> p.tenant().value())
                .collect(Collectors.toSet());
    }

    /** A blocked or unreachable tenant is an error of the command (exit 1), with its code and tenant. */
    static List<Map<String, Object>> errors(List<TenantPlan> plans) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (TenantPlan plan : plans) {
            if (plan.blocker() != null) {
                ErrorCode unreachable = plan.errorCode() != null ? plan.errorCode() : ErrorCode.CONNECTION_FAILED;
                errors.add(plan.error() != null ? Errors.forTenant(unreachable, plan.blocker(), plan.tenant().value())
                        : Errors.forTenant(plan.problems().get(0).code(), plan.blocker(), plan.tenant().value(),
                                plan.problems().get(0).migration()));
            }
        }
        return errors;
    }

    private String paint(TenantPlan plan) {
        return switch (plan.state()) {
            case UP_TO_DATE -> output.green(plan.stateWord());
            case PENDING -> output.yellow(plan.stateWord());
            case BLOCKED, UNREACHABLE -> output.red(plan.stateWord());
        };
    }

    static Map<String, Object> json(TenantPlan plan) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", plan.tenant().value());
        entry.put("target", plan.target());
        entry.put("state", plan.stateWord()); // deprecated (README): status; removed in 1.0
        entry.put("status", plan.stateWord()); // the key status --fleet and deploy use, with status --fleet --live's word
        entry.put("currentVersion", plan.currentVersion());
        boolean read = plan.state() != TenantPlan.State.UNREACHABLE;
        entry.put("pending", read ? plan.pending() : null); // deprecated: pendingVersions; unknown, not []
        entry.put("pendingCount", read ? plan.pending().size() : null);
        entry.put("pendingVersions", read ? plan.pending() : null);
        entry.put("error", plan.blocker());
        entry.put("notice", plan.notice() == null ? null : plan.notice().text());
        return entry;
    }
}
