package dev.flotilla.web;

import dev.flotilla.plan.NoticeLine;
import dev.flotilla.plan.TenantPlan;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A line of what a plan noticed of its tenants ({@link NoticeLine}: tables but no history table, a schema or database
 * not created yet; targets noticed alike in one line), as a page of the console says it: its commands as the console's
 * buttons where it has them ({@link ConsoleAdvice}), else as the command line runs them. Immutable.
 *
 * @param who  the tenants it is said of ({@link NoticeLine#who})
 * @param text the notice, masked as the control plane masks what it keeps
 */
public record PlanNotice(String who, String text) {
    /**
     * The notices of {@code plans}, each line masked with {@code scrub}, then the foreign keys a tenant's schema would
     * refuse ({@code FK_PARENT_MISMATCH}), which its deploy refuses that tenant for: empty when none.
     */
    static List<PlanNotice> of(List<TenantPlan> plans, UnaryOperator<String> scrub) {
        List<PlanNotice> notices = new java.util.ArrayList<>(NoticeLine.of(plans).stream()
                .map(line -> new PlanNotice(scrub.apply(line.who()), ConsoleAdvice.text(line.said().masked(scrub)))).toList());
        for (TenantPlan plan : plans) {
            plan.problems().stream().filter(p -> p.code() == dev.flotilla.ErrorCode.FK_PARENT_MISMATCH).forEach(p ->
                    notices.add(new PlanNotice(plan.tenant().value(), scrub.apply("FK_PARENT_MISMATCH: " + p.message()))));
        }
        return List.copyOf(notices);
    }
}
