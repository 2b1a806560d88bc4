package dev.flotilla;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known name nearest to a mistyped one, by edit distance, whatever the case. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The known name at most {@code near} edits from {@code name} (ignoring case), the nearest first; empty if none. */
    public static Optional<String> closest(String name, Collection<String> known, int near) {
        String lower = name.toLowerCase(Locale.ROOT);
        return known.stream().filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= near)
                .min(Comparator.comparingInt((String k) -> distance(lower, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** The edit distance of two names (insertions, deletions, substitutions). */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
