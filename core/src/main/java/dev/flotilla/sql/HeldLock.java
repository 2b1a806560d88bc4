package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A session-level lock held on a connection, given back with one statement ({@code RELEASE_LOCK}, an advisory unlock). */
final class HeldLock implements SessionLock {
    private final Connection connection;
    private final String release;
    private final Object key;
    private final List<String> tablesSeen;
    private final boolean readAfterLock;
    private boolean held = true;

    /**
     * @param release the statement that gives the lock back, with {@code key} as its one parameter
     * @param tablesSeen the schema's tables as read with the lock, or null
     * @param readAfterLock whether the request's after-lock read ran
     */
    HeldLock(Connection connection, String release, Object key, List<String> tablesSeen, boolean readAfterLock) {
        this.connection = connection;
        this.release = release;
        this.key = key;
        this.tablesSeen = tablesSeen;
        this.readAfterLock = readAfterLock;
    }

    @Override
    public void close() throws SQLException {
        if (held && !connection.isClosed()) {
            held = false;
            Jdbc.queryString(connection, release, key);
        }
    }

    @Override
    public List<String> tablesSeen() {
        return tablesSeen;
    }

    @Override
    public boolean readAfterLock() {
        return readAfterLock;
    }
}
