package dev.flotilla.sql;

import java.util.Objects;

/**
 * One statement of a migration script, as the dialect's splitter cut it.
 *
 * @param sql the statement text without its terminating delimiter, trimmed
 * @param line the 1-based line of the script where the statement starts (comments before it excluded)
 * @param transactional false when the database refuses to run it inside a transaction
 *     ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...)
 */
public record SqlStatement(String sql, int line, boolean transactional) {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a statement cannot be blank");
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
    }
}
