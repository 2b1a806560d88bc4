package dev.flotilla.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A transaction that is always rolled back, for a check that writes to prove something: its own when the
 * connection is in autocommit (which is restored afterwards), else a savepoint in the caller's transaction
 * (a dry run), rolled back to. PostgreSQL undoes SET LOCAL, {@code set_config(.., true)} and CREATE ROLE with it.
 */
final class RolledBack implements AutoCloseable {
    private final Connection connection;
    private final Savepoint savepoint;

    private RolledBack(Connection connection, Savepoint savepoint) {
        this.connection = connection;
        this.savepoint = savepoint;
    }

    static RolledBack begin(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
            return new RolledBack(connection, null);
        }
        return new RolledBack(connection, connection.setSavepoint());
    }

    /** Runs {@code work} under a savepoint of its own, so that its error leaves the transaction usable. */
    <T> T attempt(Attempt<T> work) throws SQLException {
        Savepoint before = connection.setSavepoint();
        try {
            return work.run();
        } finally {
            connection.rollback(before);
            connection.releaseSavepoint(before);
        }
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SQLException;
    }

    @Override
    public void close() throws SQLException {
        if (savepoint != null) {
            connection.rollback(savepoint);
            return;
        }
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
