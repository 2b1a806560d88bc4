package dev.flotilla.tenancy;

import dev.flotilla.schema.ConfiguredNames;
import dev.flotilla.schema.ReferencedTable;

/**
 * A table (or view) given to {@code --exclude}, read as configuration reads a table of the target's own ({@link
 * ReferencedTable#namesOwn}): by its name, case-insensitively, or quoted whole with either quote ({@code settings},
 * {@code "a.b"}, {@code `Orders`}), keeping its case where the target keeps a quoted name's ({@link ConfiguredNames}),
 * so that a name copied from {@code checks.tenant-column.exclude} or {@code checks.rls.exclude} excludes the same table.
 */
final class ExcludedName {
    private ExcludedName() {
    }

    /** Whether {@code excluded}, as written, names the table (or view) {@code name}. */
    static boolean names(String excluded, String name, ConfiguredNames rules) {
        return ReferencedTable.namesOwn(excluded, name, rules);
    }

    /** The name without the quotes around it when it is quoted whole. */
    static String unquoted(String excluded) {
        return ReferencedTable.ownName(excluded);
    }
}
