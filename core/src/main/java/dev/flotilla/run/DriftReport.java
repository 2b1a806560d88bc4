package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * A fleet's drift check: every tenant, and the tenants grouped by outcome (the same drift in 40 tenants is
 * one group), largest first.
 *
 * @param referencesBuilt how many expected schemas had to be built in scratch targets (the rest were cached)
 */
public record DriftReport(List<TenantDrift> tenants, List<Group> groups, int referencesBuilt, long wallMillis) {
    /**
     * Tenants with the same status and the same drift or reason.
     *
     * @param word the status as said to people ({@link TenantDrift#statusWord()}: "locked" for tenants another session holds)
     */
    public record Group(TenantDrift.Status status, String word, String outcome, List<TenantId> tenants) {
        public Group {
            tenants = List.copyOf(tenants);
        }
    }

    public DriftReport {
        tenants = List.copyOf(tenants);
        groups = List.copyOf(groups);
    }

    static DriftReport of(List<TenantDrift> tenants, int referencesBuilt, long wallMillis) {
        AlikeGroups<TenantDrift> alike = new AlikeGroups<>();
        for (TenantDrift tenant : tenants) {
            alike.add(tenant, tenant.statusWord(), tenant.namesTenant() ? tenant.tenant().value() : null, tenant.generalOutcome());
        }
        List<Group> groups = alike.groups().stream().map(group -> {
            List<TenantId> ids = group.members().stream().map(TenantDrift::tenant).toList();
            return new Group(group.members().get(0).status(), group.kind(), forAll(group.text(), ids), ids);
        }).toList();
        return new DriftReport(tenants, groups, referencesBuilt, wallMillis);
    }

    /**
     * This report with {@code scrub} applied to its tenants' reasons and diffs and its groups' outcomes: a reason may quote
     * what a scratch copy's replay of the migrations failed on, a diff a column's default, a secret placeholder's value (a
     * console's results, kept in memory).
     */
    public DriftReport masked(java.util.function.UnaryOperator<String> scrub) {
        return new DriftReport(tenants.stream().map(t -> t.masked(scrub)).toList(), groups.stream().map(g -> new Group(
                g.status(), g.word(), g.outcome() == null ? null : scrub.apply(g.outcome()), g.tenants())).toList(),
                referencesBuilt, wallMillis);
    }

    /**
     * A group's text with the command its reason names for its tenant ({@code flotilla drift --accept --tenants <tenant>})
     * written for all of them, as a fleet dry run's groups write theirs, so that it runs as printed.
     */
    private static String forAll(String text, List<TenantId> tenants) {
        String selection = "--tenants " + TenantWords.PLACEHOLDER;
        return text.replace(selection, "--tenants " + String.join(",", tenants.stream().map(TenantId::value).toList()));
    }

    /**
     * The audit log's line for a drift check: how many tenants, how many drifted, then how many stand otherwise (clean,
     * unknown, unreachable, locked, refused; those with none left out), since "0 drifted" alone read as a clean fleet when most
     * tenants could not be checked at all.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(tenants.size() + " tenant(s), " + count(TenantDrift.Status.DRIFTED) + " drifted");
        for (String word : List.of("clean", "unknown", "unreachable", "locked", "refused")) {
            long tenantsSo = count(word);
            if (tenantsSo > 0) {
                line.append(", ").append(tenantsSo).append(' ').append(word);
            }
        }
        return line.toString();
    }

    public long count(TenantDrift.Status status) {
        return tenants.stream().filter(t -> t.status() == status).count();
    }

    /** How many tenants have this status word ("locked", "refused", "unreachable"...). */
    public long count(String word) {
        return tenants.stream().filter(t -> t.statusWord().equals(word)).count();
    }
}
