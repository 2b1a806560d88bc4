package dev.flotilla.cli;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code plan} prints of its tenants' notices (tables but no history table; a schema or database not created yet): one line per target, its commands for
 * the tenants sharing it; targets noticed alike (the same commands named: baseline, adopt), when
 * {@value #ALIKE_GROUPED} or more, are one line naming the first of their tenants, its commands for them all. At most
 * {@value #SHOWN} lines, the rest counted; {@code --json} gives each tenant its own notice.
 */
final class PlanNotices {
    static final int SHOWN = 20;
    /** From this many targets noticed alike, one line says them all, not one line each. */
    static final int ALIKE_GROUPED = 3;
    /** The tenants a grouped notice names before "and K more". */
    private static final int NAMED = 5;

    private PlanNotices() {
    }

    static void print(Output output, List<TenantPlan> plans) {
        Map<String, List<TenantPlan>> byTarget = plans.stream().filter(p -> p.notice() != null).collect(
                Collectors.groupingBy(TenantPlan::target, LinkedHashMap::new, Collectors.toList()));
        Map<List<String>, List<List<TenantPlan>>> alike = byTarget.values().stream().collect(
                Collectors.groupingBy(PlanNotices::kind, LinkedHashMap::new, Collectors.toList()));
        List<List<TenantPlan>> lines = new ArrayList<>();
        for (List<List<TenantPlan>> targets : alike.values()) {
            if (targets.size() >= ALIKE_GROUPED) {
                lines.add(targets.stream().flatMap(List::stream).toList());
            } else {
                lines.addAll(targets);
            }
        }
        lines.stream().limit(SHOWN).forEach(said -> output.line("  " + output.yellow("notice") + " " + line(said)));
        long more = lines.stream().skip(SHOWN).mapToLong(List::size).sum();
        if (more > 0) {
            output.line("  " + output.yellow("notice") + " " + more + " more tenant(s) have a notice (plan --json names"
                    + " each).");
        }
    }

    /** The tenants of one line and what is noticed, as the first of them reads it, its commands for them all. */
    private static String line(List<TenantPlan> said) {
        List<TenantId> tenants = said.stream().map(TenantPlan::tenant).toList();
        String named = tenants.stream().limit(NAMED).map(TenantId::value).collect(Collectors.joining(", "));
        boolean grouped = said.stream().map(TenantPlan::target).distinct().count() > 1;
        String who = !grouped ? named : named + (tenants.size() > NAMED ? " and " + (tenants.size() - NAMED) + " more" : "")
                + ", alike (" + tenants.size() + " tenant(s); as " + tenants.get(0) + "'s reads)";
        return who + ": " + said.get(0).notice().forTenants(tenants).text();
    }

    /**
     * What makes two targets' notices alike: the commands they name, whoever for (their texts differ by the target and
     * its count of tables); a notice naming none is alike to the same text but for its target (a schema or database not
     * created yet).
     */
    private static List<String> kind(List<TenantPlan> target) {
        Advice notice = target.get(0).notice();
        List<String> commands = notice.parts().stream().filter(Remedy.class::isInstance).map(Remedy.class::cast)
                .map(r -> r.command() + " " + String.join(" ", r.arguments())).toList();
        return commands.isEmpty() ? List.of(notice.text().replace(target.get(0).target(), "")) : commands;
    }
}
