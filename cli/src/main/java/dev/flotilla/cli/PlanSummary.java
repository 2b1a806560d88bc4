package dev.flotilla.cli;

import dev.flotilla.plan.TenantPlan;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts of tenants by plan state, as a line and as JSON. */
final class PlanSummary {
    private PlanSummary() {
    }

    static Map<TenantPlan.State, Long> counts(List<TenantPlan> plans) {
        return plans.stream().collect(Collectors.groupingBy(TenantPlan::state, () -> new EnumMap<>(TenantPlan.State.class),
                Collectors.counting()));
    }

    /** {@code 3 tenant(s): 1 up-to-date, 1 pending, 1 locked}: states in their order, a locked or refused tenant said so. */
    static String line(List<TenantPlan> plans) {
        Map<String, Long> words = plans.stream().sorted(java.util.Comparator.comparing(TenantPlan::state))
                .collect(Collectors.groupingBy(TenantPlan::stateWord, LinkedHashMap::new, Collectors.counting()));
        return plans.size() + " tenant(s): " + words.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /**
     * The counts by state, a tenant another session holds counted {@code locked} and one whose login was refused
     * {@code refused}, not {@code unreachable}.
     */
    static Map<String, Object> json(Map<TenantPlan.State, Long> counts, List<TenantPlan> plans) {
        long locked = unreadSaid(plans, "locked");
        long refused = unreadSaid(plans, "refused");
        Map<TenantPlan.State, Long> notLocked = new EnumMap<>(counts);
        notLocked.merge(TenantPlan.State.UNREACHABLE, -locked - refused, Long::sum);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", plans.size());
        for (TenantPlan.State state : TenantPlan.State.values()) {
            summary.put(switch (state) {
                case UP_TO_DATE -> "upToDate";
                case PENDING -> "pending";
                case BLOCKED -> "blocked";
                case UNREACHABLE -> "unreachable";
            }, notLocked.getOrDefault(state, 0L));
        }
        summary.put("locked", locked);
        summary.put("refused", refused);
        return summary;
    }

    private static long unreadSaid(List<TenantPlan> plans, String word) {
        return plans.stream().filter(p -> p.state() == TenantPlan.State.UNREACHABLE && word.equals(p.stateWord())).count();
    }
}
