package dev.flotilla.run;

/**
 * One statement as it ran: its 1-based index in the migration, its line in the file, time and rows affected
 * (-1 when the database does not say).
 */
public record StatementRun(int index, int line, String sql, long millis, long rowsAffected) {
}
