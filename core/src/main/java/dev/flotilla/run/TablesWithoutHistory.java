package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;

/**
 * What a deploy and a plan say of a target that has tables but no history table: most likely an existing database
 * (a fleet rarely starts empty) whose migrations ran before Flotilla, on which the first migration would run again.
 * The commands it names are values, written with {@code --tenants <id>} for a tenant of the fleet.
 */
final class TablesWithoutHistory {
    private static final String NO_HISTORY = " table(s) but no history table ";
    private static final String LARAVEL = " has a table named migrations";

    private TablesWithoutHistory() {
    }

    /** Said by a run as it starts migrating such a target. */
    static Advice whenMigrating(String target, int tables, String historyTable) {
        return said(target, tables, historyTable, "migrating from the first pending migration.");
    }

    /** Said by a plan of such a target: a hint, not a blocker (a deploy goes ahead, as it always has). */
    static Advice whenPlanning(String target, int tables, String historyTable) {
        return said(target, tables, historyTable, "a deploy would run every migration from the first on top of them.");
    }

    /** Said of a target with a table named {@code migrations}, which may be Laravel's history. */
    static Advice laravelTable(String target) {
        return Advice.of(target + LARAVEL + ": if Laravel migrated it, take its history over first (",
                Remedy.of("adopt", "--from", "laravel"), ").");
    }

    /** Whether {@code notice} is one of those above, said of a target without a history table. */
    static boolean said(Advice notice) {
        String text = notice.text();
        return text.contains(NO_HISTORY) || text.contains(LARAVEL);
    }

    private static Advice said(String target, int tables, String historyTable, String what) {
        return Advice.of(target + " has " + tables + NO_HISTORY + historyTable + " yet: " + what
                + " If the schema already has some migrations, record them first with ", Remedy.of("baseline",
                "--version", "V"), ", or take over the history another tool kept with ", Remedy.of("adopt", "--from",
                "laravel|table:NAME"), ".");
    }
}
