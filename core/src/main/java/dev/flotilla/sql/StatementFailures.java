package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a {@link Dialect}'s database tells why a statement failed: a lock or statement timeout, a cancel, a deadlock, a
 * broken constraint (each by its SQLSTATE or vendor code), and what to tell the user where its own message does not
 * say. Part of {@code Dialect}, which extends it; stateless and thread-safe as the dialect is.
 */
public interface StatementFailures {

    /**
     * What to do about a statement's failure, where the database's own message does not say (a sentence), or null.
     * PostgreSQL's 55P04 ("unsafe use of new value") asks for the migration to be split.
     */
    default String advice(SQLException e) {
        return null;
    }

    /**
     * True when the statement broke an integrity constraint (SQLSTATE class 23: a duplicate key, a missing referenced
     * row, a NULL, a CHECK): the rows are at fault, the target's or those the script writes, not the SQL alone.
     */
    default boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** True when the exception says a lock could not be had in time. */
    boolean isLockTimeout(SQLException e);

    /** True when the server stopped the statement because it ran longer than the session's statement timeout. */
    default boolean isStatementTimeout(SQLException e) {
        return false;
    }

    /**
     * True when the server stopped the statement by its statement timeout or at another session's request, with one
     * code for both (PostgreSQL's 57014): the caller tells them apart by how long the statement ran. False where the
     * codes differ ({@link #isStatementTimeout} and {@link #isCanceled} tell).
     */
    default boolean isTimeoutOrCancel(SQLException e) {
        return false;
    }

    /**
     * True when another session stopped the statement while it ran (PostgreSQL's {@code pg_cancel_backend},
     * MariaDB's {@code KILL QUERY}): not a timeout, and not a defect of the statement.
     */
    default boolean isCanceled(SQLException e) {
        return false;
    }

    /**
     * The sessions that hold locks on the tables of {@code schema} (null: the connection's current one), as a sentence
     * with its leading space for the message of a statement that timed out waiting for a lock: who they are and how
     * to end one, if the user so decides; empty when none is seen or the dialect cannot tell. Asked on
     * {@code connection} after the failed statement's transaction ended; never fails.
     */
    default String lockHolders(Connection connection, String schema) {
        return "";
    }

    /** Whether the statement was chosen as a deadlock victim or failed serialization: safe to retry after rollback. */
    default boolean isDeadlock(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213;
    }
}
