package dev.flotilla.run;

/**
 * One statement as it ran: its 1-based index in the migration, its line in the file, time and rows affected
 * (-1 when the database does not say).
 */
public record StatementRun(int index, int line, String sql, long millis, long rowsAffected) {
    /** The same statement, {@code scrub} applied to its text (placeholders' values are in it). */
    StatementRun masked(java.util.function.UnaryOperator<String> scrub) {
        return new StatementRun(index, line, scrub.apply(sql), millis, rowsAffected);
    }
}
