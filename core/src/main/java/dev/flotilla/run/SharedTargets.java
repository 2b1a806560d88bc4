package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tenants sharing one target (shared-schema tenancy) share its schema, its history table and its backups: what rolls
 * the target back or restores it does so for every tenant on it, so such work is refused on part of them, with the
 * tenants it would reach and how to select them all; what migrates or backs it up takes them all in, and says so.
 */
public final class SharedTargets {
    private SharedTargets() {
    }

    /** A target some of whose tenants are selected: those, and every registered tenant on it. */
    public record Partial(String target, List<TenantId> selected, List<TenantId> sharing) {
        public Partial {
            selected = List.copyOf(selected);
            sharing = List.copyOf(sharing);
        }

        /** The tenants on the target that the selection leaves out. */
        public List<TenantId> leftOut() {
            return sharing.stream().filter(t -> !selected.contains(t)).toList();
        }
    }

    /** The targets of {@code selected} that other registered tenants share too, each with all its tenants. */
    public static List<Partial> partial(List<TenantTarget> selected, List<TenantTarget> registered) {
        Set<TenantId> chosen = selected.stream().map(t -> t.tenant().id()).collect(Collectors.toSet());
        Map<String, List<TenantTarget>> byTarget = new LinkedHashMap<>();
        registered.forEach(t -> byTarget.computeIfAbsent(t.targetKey(), k -> new ArrayList<>()).add(t));
        selected.forEach(t -> byTarget.computeIfAbsent(t.targetKey(), k -> new ArrayList<>(List.of(t))));
        List<Partial> partial = new ArrayList<>();
        for (List<TenantTarget> sharing : byTarget.values()) {
            List<TenantId> ids = sharing.stream().map(t -> t.tenant().id()).distinct().toList();
            List<TenantId> in = ids.stream().filter(chosen::contains).toList();
            if (!in.isEmpty() && in.size() < ids.size()) {
                partial.add(new Partial(sharing.get(0).target().displayName(), in, ids));
            }
        }
        return partial;
    }

    /**
     * The selected tenants and every registered tenant sharing a target with one of them, in the registered order:
     * a deploy or backup of the target reaches them all, so each is recorded.
     */
    public static List<TenantTarget> withSharing(List<TenantTarget> selected, List<TenantTarget> registered) {
        List<Partial> partial = partial(selected, registered);
        if (partial.isEmpty()) {
            return selected;
        }
        Set<TenantId> widened = selected.stream().map(t -> t.tenant().id()).collect(Collectors.toSet());
        partial.forEach(p -> widened.addAll(p.sharing()));
        return registered.stream().filter(t -> widened.contains(t.tenant().id())).toList();
    }

    /** Says that migrating the selected tenants of a shared target migrates the others too ("acme also migrates globex: ..."). */
    public static List<String> alsoMigrated(List<Partial> partial) {
        return partial.stream().map(p -> names(p.selected()) + " also migrate" + (p.selected().size() == 1 ? "s " : " ")
                + names(p.leftOut()) + ": they share " + p.target()
                + " (one schema, one history table), so each is recorded at the version it reaches").toList();
    }

    /**
     * Says that accepting the live schema of the selected tenants of a shared target accepts it for the others too: the
     * schema is theirs as much ("globex shares its schema with acme, initech: ...").
     */
    public static List<String> alsoAccepted(List<Partial> partial) {
        return alsoReached(partial, "live schema", "accepted");
    }

    /**
     * Says that repairing the selected tenants of a shared target repairs the others too: the history table it changes is
     * theirs as much ("acme shares ... with globex: its history is theirs, so it is repaired for them too").
     */
    public static List<String> alsoRepaired(List<Partial> partial) {
        return alsoReached(partial, "history", "repaired");
    }

    private static List<String> alsoReached(List<Partial> partial, String what, String done) {
        return partial.stream().map(p -> names(p.selected()) + " share" + (p.selected().size() == 1 ? "s " : " ") + p.target()
                + " (one schema, one history table) with " + names(p.leftOut()) + ": its " + what + " is theirs, so it is "
                + done + " for them too").toList();
    }

    /**
     * A deployment's canary wave: the canaries, and the tenants of the deployment sharing a target with one, whose
     * migrations are the canary's own (so they go with it; a canary protects only the tenants on other targets).
     *
     * @param sharing the canaries' targets that other tenants of the deployment share, empty when none
     */
    public record CanaryWave(List<TenantId> tenants, List<Partial> sharing) {
        public CanaryWave {
            tenants = List.copyOf(tenants);
            sharing = List.copyOf(sharing);
        }

        /** A warning for each canary target shared with tenants the canary therefore cannot protect. */
        public List<String> warnings() {
            return sharing.stream().map(p -> "canary " + names(p.selected()) + " share" + (p.selected().size() == 1 ? "s " : " ")
                    + p.target() + " with " + names(p.leftOut()) + ": they are migrated with it, in the canary wave, so the"
                    + " canary protects only the tenants on other targets").toList();
        }
    }

    /**
     * The canary wave of a deployment to {@code deployed}. A canary whose target every tenant of the deployment shares
     * would protect none of them: refused (BAD_USAGE), nothing created.
     */
    public static CanaryWave canaryWave(List<TenantId> canaries, List<TenantTarget> deployed) {
        Set<TenantId> chosen = Set.copyOf(canaries);
        List<Partial> sharing = partial(deployed.stream().filter(t -> chosen.contains(t.tenant().id())).toList(), deployed);
        if (sharing.isEmpty()) {
            return new CanaryWave(canaries, List.of());
        }
        Set<TenantId> wave = new java.util.LinkedHashSet<>(canaries);
        sharing.forEach(p -> wave.addAll(p.sharing()));
        if (wave.size() == deployed.stream().map(t -> t.tenant().id()).distinct().count()) {
            Partial p = sharing.get(0);
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A canary cannot protect any tenant of this deployment: in"
                    + " shared-schema tenancy canary " + names(p.selected()) + " share" + (p.selected().size() == 1 ? "s " : " ")
                    + p.target() + " (one schema, one history table) with " + names(p.leftOut()) + ", whose migrations are"
                    + " its own, and no selected tenant is on another target to wait for it. Deploy without --canary or"
                    + " --canary-percent (`flotilla dry-run` tests the migrations first), or select tenants on other targets"
                    + " too. Nothing was deployed.");
        }
        return new CanaryWave(List.copyOf(wave), sharing);
    }

    /**
     * Refuses, before anything runs, work that changes the whole target on only some of the tenants sharing it.
     *
     * @param action what would be refused, as in "Cannot roll back acme alone" ({@code roll back})
     * @param effect why it reaches the others, as in "its down files would undo the migrations for all of them"
     * @param nothingDone the closing sentence, as in "Nothing was rolled back."
     */
    public static void requireWhole(List<TenantTarget> selected, List<TenantTarget> registered, ErrorCode code, String action,
                                    String effect, String nothingDone) {
        List<Partial> partial = partial(selected, registered);
        if (!partial.isEmpty()) {
            throw new FlotillaException(code, refusal(partial, action, effect) + " " + nothingDone);
        }
    }

    /** Says which targets are shared with tenants left out, and how to select every tenant on them. */
    public static String refusal(List<Partial> partial, String action, String effect) {
        StringBuilder message = new StringBuilder();
        for (Partial p : partial) {
            message.append("Cannot ").append(action).append(" ").append(names(p.selected())).append(" alone: in shared-schema")
                    .append(" tenancy ").append(p.selected().size() == 1 ? "it shares " : "they share ").append(p.target())
                    .append(" (one schema, one history table) with ").append(names(p.leftOut())).append(", left out of the")
                    .append(" selection; ").append(effect).append(". ");
        }
        List<TenantId> all = partial.stream().flatMap(p -> p.sharing().stream()).distinct().toList();
        message.append("Select every tenant sharing ").append(partial.size() == 1 ? "it" : "them").append(": --all");
        if (all.size() <= 20) {
            message.append(", or --tenants ").append(all.stream().map(TenantId::value).collect(Collectors.joining(",")));
        }
        return message.append(".").toString();
    }

    private static String names(List<TenantId> ids) {
        String names = ids.stream().limit(20).map(TenantId::value).collect(Collectors.joining(", "));
        return ids.size() > 20 ? names + " and " + (ids.size() - 20) + " more" : names;
    }
}
