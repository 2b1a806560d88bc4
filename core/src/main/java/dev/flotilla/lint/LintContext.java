package dev.flotilla.lint;

import dev.flotilla.sql.Dialect;

/**
 * What the rules need beyond the scripts.
 *
 * @param dialect the database the scripts are written for: the rules it has, and how its SQL text reads
 * @param tables what the target can tell about its tables; {@link TableFacts#UNKNOWN} when linting files alone
 * @param pendingTogether true when the scripts are the pending ones of one target and run together (a dry run),
 *     so a table an earlier script creates is new and empty for later ones; false when linting a whole folder,
 *     where earlier files have most likely run long ago and their tables hold rows
 */
public record LintContext(Dialect dialect, LintOptions options, TableFacts tables, boolean pendingTogether) {
    /** For linting a folder of files without a target. */
    public static LintContext of(Dialect dialect, LintOptions options) {
        return new LintContext(dialect, options, TableFacts.UNKNOWN, false);
    }

    boolean enabled(LintRule rule) {
        return !options.disabled().contains(rule.id());
    }

    String tenantColumn() {
        return options.tenantColumn();
    }

    long largeTableRows() {
        return options.largeTableRows();
    }
}
