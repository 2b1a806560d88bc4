package dev.flotilla.testing;

import java.sql.Connection;

/** An H2 trigger that does nothing: H2 triggers are Java classes, and a test needs one that exists in every copy. */
public final class NoOpTrigger implements org.h2.api.Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
    }
}
