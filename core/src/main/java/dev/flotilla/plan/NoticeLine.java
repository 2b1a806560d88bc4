package dev.flotilla.plan;

import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One line of what a plan noticed of its tenants (tables but no history table; a schema or database not created yet):
 * the tenants of one target, or, for {@value #ALIKE_GROUPED} or more targets noticed alike (the same commands named:
 * baseline, adopt), the tenants of them all, said as the first of them reads it, its commands for them all. What {@code
 * flotilla plan} prints and the console's confirmation shows. Immutable.
 *
 * @param tenants the tenants it is said of, in the plans' order
 * @param grouped whether it says several targets noticed alike
 * @param said    the first tenant's notice, its commands written for all of {@code tenants}
 */
public record NoticeLine(List<TenantId> tenants, boolean grouped, Advice said) {
    /** From this many targets noticed alike, one line says them all, not one line each. */
    public static final int ALIKE_GROUPED = 3;
    /** The tenants a grouped line names before "and K more". */
    private static final int NAMED = 5;

    public NoticeLine {
        tenants = List.copyOf(tenants);
        Objects.requireNonNull(said, "said");
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("a notice is said of a tenant at least");
        }
    }

    /** The lines of {@code plans}' notices: one per target, targets noticed alike grouped; empty when none noticed. */
    public static List<NoticeLine> of(List<TenantPlan> plans) {
        Map<String, List<TenantPlan>> byTarget = plans.stream().filter(p -> p.notice() != null).collect(
                Collectors.groupingBy(TenantPlan::target, LinkedHashMap::new, Collectors.toList()));
        Map<List<String>, List<List<TenantPlan>>> alike = byTarget.values().stream().collect(
                Collectors.groupingBy(NoticeLine::kind, LinkedHashMap::new, Collectors.toList()));
        List<NoticeLine> lines = new ArrayList<>();
        for (List<List<TenantPlan>> targets : alike.values()) {
            if (targets.size() >= ALIKE_GROUPED) {
                lines.add(line(targets.stream().flatMap(List::stream).toList(), true));
            } else {
                targets.forEach(target -> lines.add(line(target, false)));
            }
        }
        return List.copyOf(lines);
    }

    /**
     * Whom it is said of: the tenants of one target ({@code a, b}); for a grouped line the first {@value #NAMED} of them,
     * how many more, and whose words it takes ({@code a, b, c, d, e and 2 more, alike (7 tenant(s); as a's reads)}).
     */
    public String who() {
        String named = tenants.stream().limit(NAMED).map(TenantId::value).collect(Collectors.joining(", "));
        return !grouped ? named : named + (tenants.size() > NAMED ? " and " + (tenants.size() - NAMED) + " more" : "")
                + ", alike (" + tenants.size() + " tenant(s); as " + tenants.get(0) + "'s reads)";
    }

    /** The line as the command line prints it: whom it is said of, then the notice. */
    public String text() {
        return who() + ": " + said.text();
    }

    /**
     * As {@code plan --json} and the API's plan give it ({@code notices}): whom it is said of, whether grouped, its words
     * as the command line prints them ({@code message}, masked by {@code scrub}), its commands as they run.
     */
    public Map<String, Object> asMap(java.util.function.UnaryOperator<String> scrub) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenants", tenants.stream().map(TenantId::value).toList());
        json.put("grouped", grouped);
        json.put("message", scrub.apply(text()));
        json.put("commands", said.commands());
        return json;
    }

    private static NoticeLine line(List<TenantPlan> said, boolean grouped) {
        List<TenantId> tenants = said.stream().map(TenantPlan::tenant).toList();
        return new NoticeLine(tenants, grouped, said.get(0).notice().forTenants(tenants));
    }

    /**
     * What makes two targets' notices alike: the commands they name, whoever for (their texts differ by the target and
     * its count of tables); a notice naming none is alike to the same text but for its target.
     */
    private static List<String> kind(List<TenantPlan> target) {
        Advice notice = target.get(0).notice();
        List<String> commands = notice.parts().stream().filter(Remedy.class::isInstance).map(Remedy.class::cast)
                .map(r -> r.command() + " " + String.join(" ", r.arguments())).toList();
        return commands.isEmpty() ? List.of(notice.text().replace(target.get(0).target(), "")) : commands;
    }
}
