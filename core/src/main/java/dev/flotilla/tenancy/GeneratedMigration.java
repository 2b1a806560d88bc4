package dev.flotilla.tenancy;

import java.util.List;
import java.util.Objects;

/**
 * A migration Flotilla wrote for review before it is applied: the up script, its down script, and what a
 * reviewer should know about them.
 *
 * @param description the file name's description part, e.g. {@code adopt_tenant_id}
 * @param dialect the database the scripts are written for
 * @param tables the tables the scripts change
 * @param notes what was left out and why, what to do by hand
 * @param warnings what looks like a mistake in the request, to check before applying (e.g. an excluded name that
 *     matches no table)
 * @param upToDate why there is nothing to write, the schema being as the migration would leave it already; null when
 *     there is a migration ({@code up} and {@code down} are then empty)
 */
public record GeneratedMigration(String description, String dialect, String up, String down, List<String> tables,
                                 List<String> notes, List<String> warnings, String upToDate) {
    public GeneratedMigration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public GeneratedMigration(String description, String dialect, String up, String down, List<String> tables,
                              List<String> notes, List<String> warnings) {
        this(description, dialect, up, down, tables, notes, warnings, null);
    }

    /** No migration: the schema is as one would leave it already ({@code upToDate} says how). */
    static GeneratedMigration nothingToDo(String description, String dialect, String upToDate, List<String> notes,
                                          List<String> warnings) {
        return new GeneratedMigration(description, dialect, "", "", List.of(), notes, warnings, upToDate);
    }

    public boolean isNothingToDo() {
        return upToDate != null;
    }
}
