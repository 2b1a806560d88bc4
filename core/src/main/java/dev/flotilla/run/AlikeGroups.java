package dev.flotilla.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items of one kind grouped by a text that reads alike but for each item's tenant id ({@link TenantWords#alike}), with
 * the text the group shares. Texts are first bucketed by what is left of them without their words, which the same
 * message keeps whatever its tenant, so that only texts that may be alike are compared.
 *
 * @param <T> what is grouped
 */
final class AlikeGroups<T> {
    /**
     * @param text the text the members share: their ids as {@link TenantWords#PLACEHOLDER}; a member alone says its own
     *     as {@link TenantWords#alone} does
     * @param kind what its items are, as they were added
     */
    record Group<T>(String kind, List<T> members, String text) {
    }

    private static final class Forming<T> {
        final List<T> members = new ArrayList<>();
        final String kind;
        final String firstText;
        final String firstId;
        String shared;

        Forming(String kind, String firstText, String firstId) {
            this.kind = kind;
            this.firstText = firstText;
            this.firstId = firstId;
        }
    }

    private final List<Forming<T>> groups = new ArrayList<>();
    private final Map<String, List<Forming<T>>> byPunctuation = new HashMap<>();

    /**
     * Adds {@code item} of {@code kind} (a status: only items of the same kind group), whose {@code text} names its
     * tenant {@code id} (null: no tenant's id to take out).
     */
    void add(T item, String kind, String id, String text) {
        String bucket = kind + "\u0000" + text.replaceAll("[\\p{L}\\p{N}_$-]+", "");
        List<Forming<T>> candidates = byPunctuation.computeIfAbsent(bucket, k -> new ArrayList<>());
        for (Forming<T> group : candidates) {
            String shared = TenantWords.alike(group.firstText, group.firstId, text, id);
            if (group.kind.equals(kind) && shared != null && (group.shared == null || group.shared.equals(shared))) {
                group.shared = shared;
                group.members.add(item);
                return;
            }
        }
        Forming<T> group = new Forming<>(kind, text, id);
        group.members.add(item);
        candidates.add(group);
        groups.add(group);
    }

    /** The groups, largest first, then in the order their first items came. */
    List<Group<T>> groups() {
        return groups.stream().sorted((a, b) -> Integer.compare(b.members.size(), a.members.size()))
                .map(g -> new Group<>(g.kind, List.copyOf(g.members),
                        g.shared != null ? g.shared : TenantWords.alone(g.firstText, g.firstId)))
                .toList();
    }
}
