package dev.flotilla.tenancy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The names given to {@code --exclude} that match no table: most likely a typo, which would otherwise leave the table
 * meant in the adoption without a word. Each is named with the closest table when one is near (a did-you-mean).
 */
final class UnmatchedExclusions {
    private static final int NEAR = 2;

    private UnmatchedExclusions() {
    }

    /** One warning for each excluded name no table has (compared case-insensitively), in the order given. */
    static List<String> warnings(Collection<String> excluded, Collection<String> tables, String where) {
        List<String> warnings = new ArrayList<>();
        for (String name : excluded) {
            if (tables.stream().noneMatch(name::equalsIgnoreCase)) {
                warnings.add("--exclude " + name + ": " + where + " has no table of that name, so nothing is excluded by it"
                        + closest(name, tables).map(table -> " (did you mean " + table + "?)").orElse("")
                        + ". Check the name before applying the migration.");
            }
        }
        return warnings;
    }

    private static Optional<String> closest(String name, Collection<String> tables) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return tables.stream()
                .filter(table -> distance(lower, table.toLowerCase(java.util.Locale.ROOT)) <= NEAR)
                .min(Comparator.comparingInt((String table) -> distance(lower, table.toLowerCase(java.util.Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** The edit distance of two names (insertions, deletions, substitutions). */
    static int distance(String a, String b) {
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
