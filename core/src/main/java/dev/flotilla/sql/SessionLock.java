package dev.flotilla.sql;

import java.sql.SQLException;

/** A held target lock. Closing releases it; closing twice is harmless. */
public interface SessionLock extends AutoCloseable {
    @Override
    void close() throws SQLException;

    /**
     * The tables of the target's schema, read just after the lock was taken and in the same round trip, so
     * that the runner need not ask again; null where the dialect does not read them.
     */
    default java.util.List<String> tablesSeen() {
        return null;
    }

    /** True when the request's {@link LockRequest.ReadAfterLock} ran after the lock was taken and got its rows. */
    default boolean readAfterLock() {
        return false;
    }
}
