package dev.flotilla.sql;

import java.sql.SQLException;

/** A held target lock. Closing releases it; closing twice is harmless. */
public interface SessionLock extends AutoCloseable {
    @Override
    void close() throws SQLException;
}
