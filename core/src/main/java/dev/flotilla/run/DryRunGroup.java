package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Tenants whose dry runs ended the same way: same status, same schema changes, same lint rules hit, and the
 * same error once the tenant's own names are taken out of it. "48 tenants: success, same changes".
 *
 * @param status   its tenants' status ({@link TenantDryRun#status})
 * @param summary  what the group shares, in words, without its notice
 * @param notice   what the runs noticed of the group's targets (tables but no history table), its commands written for the
 *     group's tenants; empty when nothing
 * @param untested whether nothing was tried on its tenants, their scratch copy not made ({@link TenantDryRun#untested}):
 *     such tenants never share a group with others
 */
public record DryRunGroup(String status, String summary, String notice, List<TenantId> tenants, boolean untested) {
    /** The group's status in words for people: {@code not tested} where nothing was tried, else {@link #status}. */
    public static final String NOT_TESTED = "not tested";

    public DryRunGroup {
        tenants = List.copyOf(tenants);
    }

    /**
     * A notice (tables but no history table) and the tenants it was said of, across groups: a page says it once, where
     * each group would repeat it.
     */
    public record Notice(String text, List<TenantId> tenants) {
        public Notice {
            tenants = List.copyOf(tenants);
        }
    }

    /** Groups the results, largest group first, then in the order the first tenant of each appeared. */
    public static List<DryRunGroup> of(List<TenantDryRun> results) {
        AlikeGroups<TenantDryRun> alike = new AlikeGroups<>();
        results.forEach(result -> alike.add(result, result.untested() ? NOT_TESTED : result.status(), result.tenant().value(),
                key(result)));
        return alike.groups().stream().map(group -> new DryRunGroup(group.members().get(0).status(), summary(group.members()),
                notice(group.members()), group.members().stream().map(TenantDryRun::tenant).toList(),
                group.members().get(0).untested())).toList();
    }

    /**
     * The results' notices, each once, with the tenants it was said of (whatever their group), its commands written for
     * them; in the order the first tenant of each appeared.
     */
    public static List<Notice> notices(List<TenantDryRun> results) {
        java.util.Map<String, List<TenantDryRun>> alike = new java.util.LinkedHashMap<>();
        results.forEach(result -> {
            String notices = generalNotices(result);
            if (!notices.isEmpty()) {
                alike.computeIfAbsent(notices, n -> new ArrayList<>()).add(result);
            }
        });
        return alike.values().stream().map(members -> new Notice(notice(members),
                members.stream().map(TenantDryRun::tenant).toList())).toList();
    }

    /**
     * What the group's tenants share, in words, as the command line says it: its {@link #summary}, and its notice, which
     * alone makes a run a warning, so it is said whatever the outcome (else "warning" would say nothing of why).
     */
    public String outcome() {
        return notice.isEmpty() ? summary : summary + " (notice: " + notice + ")";
    }

    /**
     * {@link #outcome} as said after the group's {@link #label}, which names its status already: without that word again
     * ("warning 2 tenant(s): 1 table created", not "warning 2 tenant(s): warning, 1 table created").
     */
    public String outcomeAfterLabel() {
        String outcome = outcome();
        for (String said : List.of(label() + ", ", label() + ": ")) {
            if (outcome.startsWith(said)) {
                return outcome.substring(said.length());
            }
        }
        return outcome;
    }

    /** {@link #NOT_TESTED} where nothing was tried on the group's tenants (not known to fail), else its {@link #status}. */
    public String label() {
        return untested ? NOT_TESTED : status;
    }

    private static String key(TenantDryRun result) {
        DryRunReport report = result.report();
        String changes = report == null || report.diff() == null ? "" : report.diff().changes().toString();
        String rules = report == null ? "" : report.findings().stream().map(f -> f.rule()).distinct().sorted().toList().toString();
        return changes + "\u0000" + rules + "\u0000" + generalError(result) + "\u0000"
                + generalNotices(result);
    }

    /**
     * What the group's tenants share, in words, without its notice: the commands its error names are written for all of
     * them ({@code --tenants a,b,c}), each tenant's own names taken out of the rest.
     */
    private static String summary(List<TenantDryRun> members) {
        TenantDryRun result = members.get(0);
        List<TenantId> tenants = members.stream().map(TenantDryRun::tenant).toList();
        if (result.firstProblem() != null) {
            return (result.untested() ? NOT_TESTED : "error") + ": "
                    + shared(members, r -> List.of(r.firstProblem())).get(0).forTenants(tenants).text();
        }
        DryRunReport report = result.report();
        String changes = report.diff() == null || report.diff().isEmpty() ? "no schema changes" : describe(report.diff());
        long warnings = report.findings().stream().filter(f -> f.severity().warns()).count();
        long notes = report.findings().size() - warnings;
        return result.status() + ", " + changes + (warnings == 0 ? "" : ", " + warnings + " lint warning(s)")
                + (notes == 0 ? "" : ", " + notes + " lint note(s)");
    }

    /** The notices {@code members} share, their commands written for all of them; "" when none. */
    private static String notice(List<TenantDryRun> members) {
        List<TenantId> tenants = members.stream().map(TenantDryRun::tenant).toList();
        return String.join(" ", shared(members, DryRunGroup::advisedNotices).stream().map(n -> n.forTenants(tenants).text()).toList());
    }

    /** "3 tables created, 2 indexes added, 1 constraint added, 1 view changed, 1 column dropped". */
    static String describe(SchemaDiff diff) {
        List<String> parts = new ArrayList<>();
        diff.summary().forEach((kind, names) -> {
            if (names.isEmpty()) {
                return;
            }
            switch (kind) {
                case "changed" -> parts.addAll(byKind(diff, SchemaDiff.Action.CHANGED, "changed"));
                case "dropped" -> parts.addAll(byKind(diff, SchemaDiff.Action.REMOVED, "dropped"));
                default -> parts.add(names.size() + " " + words(kind, names.size()));
            }
        });
        return String.join(", ", parts);
    }

    /**
     * The summary's catch-all lists ({@code changed}, {@code dropped}) counted by kind of object, as the other lists
     * are: "2 indexes dropped", not "3 dropped" for an index, a column and a constraint.
     */
    private static List<String> byKind(SchemaDiff diff, SchemaDiff.Action action, String verb) {
        java.util.Map<SchemaDiff.Kind, Long> counts = new java.util.EnumMap<>(SchemaDiff.Kind.class);
        diff.changes().stream()
                .filter(c -> c.action() == action && (action != SchemaDiff.Action.CHANGED
                        || (c.kind() != SchemaDiff.Kind.COLUMN && c.kind() != SchemaDiff.Kind.ROUTINE)))
                .forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, count) -> parts.add(kind == SchemaDiff.Kind.ROW_SECURITY
                ? "row-level security " + verb + " on " + count + (count == 1 ? " table" : " tables")
                : count + " " + noun(kind, count) + " " + verb));
        return parts;
    }

    private static String noun(SchemaDiff.Kind kind, long count) {
        String one = kind.name().toLowerCase();
        if (count == 1) {
            return one;
        }
        return switch (kind) {
            case INDEX -> "indexes";
            case POLICY -> "policies";
            default -> one + "s";
        };
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
     * What the run noticed of the target (tables but no history table: why a table "already exists"), as it reads for
     * one target (its commands as values); empty when nothing.
     */
    private static List<Advice> advisedNotices(TenantDryRun result) {
        return result.report() == null ? List.of() : result.report().run().advisedNotices();
    }

    /** The notices as {@link #general} writes them for one target, the commands they name as for one target too. */
    private static String generalNotices(TenantDryRun result) {
        return String.join(" ", advisedNotices(result).stream().map(n -> general(result, n).text()).toList());
    }

    /**
     * What {@code said} gives for the group's first member, as the group's members share it: its text without their
     * own names, their ids taken out where the first two members' texts have each its own ({@link TenantWords#alike}).
     */
    private static List<Advice> shared(List<TenantDryRun> members, Function<TenantDryRun, List<Advice>> said) {
        TenantDryRun first = members.get(0);
        List<Advice> firsts = said.apply(first).stream().map(a -> general(first, a)).toList();
        TenantDryRun second = members.size() > 1 ? members.get(1) : null;
        List<Advice> seconds = second == null ? List.of() : said.apply(second).stream().map(a -> general(second, a)).toList();
        List<Advice> shared = new ArrayList<>();
        for (int i = 0; i < firsts.size(); i++) {
            List<Object> parts = firsts.get(i).parts();
            List<Object> others = i < seconds.size() ? seconds.get(i).parts() : List.of();
            List<Object> sharedParts = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                sharedParts.add(parts.get(p) instanceof String text
                        ? sharedText(text, first, parts.size() == others.size() ? others.get(p) : null, second) : parts.get(p));
            }
            shared.add(new Advice(sharedParts));
        }
        return shared;
    }

    /**
     * {@code text} of {@code first} as it reads alike with {@code other} of {@code second}; with the first's id when it is
     * alone in its group (null {@code second}), so that its commands run as printed; as it is otherwise.
     */
    private static String sharedText(String text, TenantDryRun first, Object other, TenantDryRun second) {
        String alike = other instanceof String otherText
                ? TenantWords.alike(text, first.tenant().value(), otherText, second.tenant().value()) : null;
        return alike != null ? alike : second == null ? TenantWords.alone(text, first.tenant().value()) : text;
    }

    /** The first error, as {@link #general} writes it for one target; "" when none. */
    private static String generalError(TenantDryRun result) {
        Advice first = result.firstProblem();
        return first == null ? "" : general(result, first).text();
    }

    /**
     * {@code said} with the tenant's own names but its id taken out of its text ({@link TenantWords#withoutNames}), so that
     * the same failure groups across tenants. The commands it names are values, left for the group's tenants to be
     * written in.
     */
    private static Advice general(TenantDryRun result, Advice said) {
        Advice values = said.hasRemedies() ? said : Advice.read(said.text());
        return new Advice(values.parts().stream().map(p -> p instanceof String text ? general(result, text) : p).toList());
    }

    private static String general(TenantDryRun result, String text) {
        return TenantWords.withoutNames(text, result.target(), result.tenant(), result.schema());
    }
}
