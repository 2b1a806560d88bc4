package dev.flotilla.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * An H2 trigger for {@code BEFORE UPDATE ON deployment_tasks} that refuses to record a task as running: the start of a
 * task that never reaches the control plane, as when its process is killed before the write is committed.
 */
public final class RefusedTaskStart implements org.h2.api.Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (Arrays.asList(newRow).contains("running")) {
            throw new SQLException("the test's trigger refuses to record a task running");
        }
    }
}
