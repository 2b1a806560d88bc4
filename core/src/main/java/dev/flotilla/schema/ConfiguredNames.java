package dev.flotilla.schema;

import dev.flotilla.sql.Dialect;

/**
 * How a table named in configuration or on a command line ({@code checks.tenant-column.exclude}, {@code checks.rls.exclude},
 * {@code tenancy adopt|rls --exclude}, {@code checks.fk-rules references|tables|exclude}) is compared with the target's
 * tables, by the target's rules: a plain name names a table whatever the case; a name quoted whole keeps its case where
 * the database keeps a quoted name's (PostgreSQL, H2, MariaDB with {@code lower_case_table_names=0}: {@code "Orders"} is
 * not {@code orders}) and ignores it where the database does (SQLite, MariaDB with {@code lower_case_table_names} 1 or 2).
 * Immutable.
 *
 * @param quotedKeepsCase whether a quoted name keeps its case
 */
public record ConfiguredNames(boolean quotedKeepsCase) {
    /** PostgreSQL's and H2's: a quoted name keeps its case. */
    public static final ConfiguredNames QUOTED_KEEP_CASE = new ConfiguredNames(true);

    /**
     * The rules of {@code named}, the dialect as the target's server tells names apart ({@link Dialect#forNames}): where
     * that is not known, a quoted name keeps its case (a name that then matches nothing is warned of, not taken loosely).
     */
    public static ConfiguredNames of(Dialect named) {
        return new ConfiguredNames(!Boolean.FALSE.equals(named.quotedNamesKeepCase()));
    }

    /** Whether {@code written} ({@code quoted} or not, its quotes taken off) names {@code stored}, as the catalog has it. */
    public boolean same(String written, boolean quoted, String stored) {
        return quoted && quotedKeepsCase ? written.equals(stored) : written.equalsIgnoreCase(stored);
    }
}
