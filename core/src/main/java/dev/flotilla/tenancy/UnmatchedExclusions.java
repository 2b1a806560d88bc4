package dev.flotilla.tenancy;

import dev.flotilla.schema.ConfiguredNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The names given to {@code --exclude} that match nothing excludable: most likely a typo, which would otherwise leave
 * the table meant in the adoption (or under row-level security) without a word. Each is named with the closest name
 * when one is near (a did-you-mean).
 */
final class UnmatchedExclusions {
    private static final int NEAR = 2;

    private UnmatchedExclusions() {
    }

    /**
     * One warning for each excluded name no table has (compared by the target's {@code rules}: {@link ExcludedName}), named as written, in the order given.
     */
    static List<String> warnings(Collection<String> excluded, Collection<String> tables, String where, ConfiguredNames rules) {
        return warnings(excluded, tables, where, "table", rules);
    }

    /**
     * One warning for each excluded name that none of {@code names} is (compared as {@link ExcludedName} does), named as
     * written, in the order given; {@code kind} says what the names are ("table", "table or view").
     */
    static List<String> warnings(Collection<String> excluded, Collection<String> names, String where, String kind,
                                 ConfiguredNames rules) {
        List<String> warnings = new ArrayList<>();
        for (String name : excluded) {
            if (names.stream().noneMatch(table -> ExcludedName.names(name, table, rules))) {
                warnings.add("--exclude " + name + ": " + where + " has no " + kind + " of that name, so nothing is excluded by it"
                        + closest(ExcludedName.unquoted(name), names).map(table -> " (did you mean " + table + "?)").orElse("")
                        + ". Check the name before applying the migration.");
            }
        }
        return warnings;
    }

    private static Optional<String> closest(String name, Collection<String> tables) {
        return dev.flotilla.Suggestions.closest(name, tables, NEAR);
    }
}
