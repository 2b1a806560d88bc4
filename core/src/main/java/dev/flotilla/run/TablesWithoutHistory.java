package dev.flotilla.run;

/**
 * What a deploy and a plan say of a target that has tables but no history table: most likely an existing database
 * (a fleet rarely starts empty) whose migrations ran before Flotilla, on which the first migration would run again.
 */
final class TablesWithoutHistory {
    private TablesWithoutHistory() {
    }

    /** Said by a run as it starts migrating such a target. */
    static String whenMigrating(String target, int tables, String historyTable) {
        return said(target, tables, historyTable, "migrating from the first pending migration.");
    }

    /** Said by a plan of such a target: a hint, not a blocker (a deploy goes ahead, as it always has). */
    static String whenPlanning(String target, int tables, String historyTable) {
        return said(target, tables, historyTable, "a deploy would run every migration from the first on top of them.");
    }

    private static String said(String target, int tables, String historyTable, String what) {
        return target + " has " + tables + " table(s) but no history table " + historyTable + " yet: " + what
                + " If the schema already has some migrations, record them first with `flotilla baseline --version V`,"
                + " or take over the history another tool kept with `flotilla adopt --from laravel|table:NAME`.";
    }
}
