package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import java.util.Collection;
import java.util.List;

/**
 * Flyway's or Liquibase's history table on a target that has no Flotilla history: its files would run again on top
 * of what that tool applied, so the run (and the plan) stops until the history is taken over. No application names
 * its own tables so; Laravel's {@code migrations} could be anyone's, and only gets a notice.
 */
final class ForeignHistory {
    /** The tables looked for, with the tool that keeps each. */
    static final List<String> TABLES = List.of("flyway_schema_history", "DATABASECHANGELOG");

    private ForeignHistory() {
    }

    /** The first of another tool's history tables among a target's tables, or null. */
    static String among(Collection<String> tables) {
        // Loops, not streams: asked on every target without a history table, over all its tables.
        for (String table : tables) {
            for (String foreign : TABLES) {
                if (table.equalsIgnoreCase(foreign)) {
                    return table;
                }
            }
        }
        return null;
    }

    /** Why nothing runs on a target that has {@code table}, another tool's history, and none of Flotilla's. */
    static Problem problem(String target, String historyTable, String table) {
        boolean flyway = table.equalsIgnoreCase("flyway_schema_history");
        return new Problem(ErrorCode.FOREIGN_HISTORY, Advice.of(target + " has " + (flyway ? "Flyway's" : "Liquibase's")
                + " history table " + table + " but no history table " + historyTable + ": the files would run again on top"
                + " of what that tool applied. Take its history over first (", Remedy.of("adopt", "--from", flyway
                ? "flyway" : "liquibase"), "), or record the versions already there (", Remedy.of("baseline", "--version",
                "V"), "). Nothing was run."), null);
    }
}
