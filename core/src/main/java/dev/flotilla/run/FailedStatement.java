package dev.flotilla.run;

import java.sql.SQLException;

/**
 * A statement that failed, and how long it ran before it did: on PostgreSQL the time tells the statement timeout from
 * another session's cancel, which share one SQLSTATE.
 */
record FailedStatement(SQLException error, long millis) {
}
