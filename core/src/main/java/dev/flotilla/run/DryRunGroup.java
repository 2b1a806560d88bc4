package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenants whose dry runs ended the same way: same status, same schema changes, same lint rules hit, and the
 * same error once the tenant's own names are taken out of it. "48 tenants: success, same changes".
 *
 * @param outcome what the group shares, in words
 */
public record DryRunGroup(String status, String outcome, List<TenantId> tenants) {
    public DryRunGroup {
        tenants = List.copyOf(tenants);
    }

    /** Groups the results, largest group first, then in the order the first tenant of each appeared. */
    public static List<DryRunGroup> of(List<TenantDryRun> results) {
        Map<String, List<TenantDryRun>> groups = new LinkedHashMap<>();
        for (TenantDryRun result : results) {
            groups.computeIfAbsent(key(result), k -> new ArrayList<>()).add(result);
        }
        return groups.values().stream()
                .sorted((a, b) -> Integer.compare(b.size(), a.size()))
                .map(members -> new DryRunGroup(members.get(0).status(), outcome(members),
                        members.stream().map(TenantDryRun::tenant).toList()))
                .toList();
    }

    private static String key(TenantDryRun result) {
        DryRunReport report = result.report();
        String changes = report == null || report.diff() == null ? "" : report.diff().changes().toString();
        String rules = report == null ? "" : report.findings().stream().map(f -> f.rule()).distinct().sorted().toList().toString();
        return result.status() + "\u0000" + changes + "\u0000" + rules + "\u0000" + generalError(result) + "\u0000"
                + generalNotices(result);
    }

    /**
     * What the group's tenants share, in words: the commands its error and notices name are written for all of them
     * ({@code --tenants a,b,c}), each tenant's own names taken out of the rest.
     */
    private static String outcome(List<TenantDryRun> members) {
        TenantDryRun result = members.get(0);
        List<TenantId> tenants = members.stream().map(TenantDryRun::tenant).toList();
        String notices = notices(result, tenants);
        // A notice alone makes a run a warning, so it is said whatever the outcome: else "warning" would say nothing of why.
        String noticed = notices.isEmpty() ? "" : " (notice: " + notices + ")";
        if (result.firstProblem() != null) {
            return "error: " + general(result, result.firstProblem()).forTenants(tenants).text() + noticed;
        }
        DryRunReport report = result.report();
        String changes = report.diff() == null || report.diff().isEmpty() ? "no schema changes" : describe(report.diff());
        long warnings = report.findings().stream().filter(f -> f.severity().warns()).count();
        long notes = report.findings().size() - warnings;
        return result.status() + ", " + changes + (warnings == 0 ? "" : ", " + warnings + " lint warning(s)")
                + (notes == 0 ? "" : ", " + notes + " lint note(s)") + noticed;
    }

    /** "3 tables created, 2 indexes added, 1 constraint added". */
    static String describe(SchemaDiff diff) {
        List<String> parts = new ArrayList<>();
        diff.summary().forEach((kind, names) -> {
            if (!names.isEmpty()) {
                parts.add(names.size() + " " + words(kind, names.size()));
            }
        });
        return String.join(", ", parts);
    }

    private static String words(String kind, int count) {
        String[] split = kind.split("(?=[A-Z])", 2);
        String noun = split[0];
        String verb = split.length > 1 ? split[1].toLowerCase() : "";
        if (count == 1) {
            noun = noun.endsWith("ies") ? noun.substring(0, noun.length() - 3) + "y"
                    : noun.endsWith("xes") ? noun.substring(0, noun.length() - 2) : noun.replaceAll("s$", "");
            noun = noun.equals("indice") ? "index" : noun;
        }
        return verb.isEmpty() ? noun : noun + " " + verb;
    }

    /**
     * What the run noticed of the target (tables but no history table: why a table "already exists"), its target
     * taken out as from the error, the commands it names for {@code tenants} (none: as for one target, which every
     * tenant's run says alike); empty when nothing.
     */
    private static String notices(TenantDryRun result, List<TenantId> tenants) {
        if (result.report() == null) {
            return "";
        }
        return String.join(" ", result.report().run().advisedNotices().stream()
                .map(n -> general(result, n).forTenants(tenants).text()).toList());
    }

    private static String generalNotices(TenantDryRun result) {
        return notices(result, List.of());
    }

    /** The first error, as {@link #general} writes it for one target; "" when none. */
    private static String generalError(TenantDryRun result) {
        Advice first = result.firstProblem();
        return first == null ? "" : general(result, first).text();
    }

    /**
     * {@code said} with the tenant's own names taken out of its text ({@link TenantWords}), so that the same failure groups
     * across tenants. The commands it names are values, left for the group's tenants to be written in.
     */
    private static Advice general(TenantDryRun result, Advice said) {
        Advice values = said.hasRemedies() ? said : Advice.read(said.text());
        return new Advice(values.parts().stream().map(p -> p instanceof String text ? general(result, text) : p).toList());
    }

    private static String general(TenantDryRun result, String text) {
        return TenantWords.general(text, result.target(), result.tenant(), result.schema());
    }
}
