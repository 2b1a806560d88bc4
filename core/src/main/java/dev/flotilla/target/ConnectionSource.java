package dev.flotilla.target;

import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** Where a {@link TargetSession} gets its connection and where it gives it back. Implementations are thread-safe. */
public interface ConnectionSource {

    /** A fresh connection per session, closed when the session ends. */
    ConnectionSource DIRECT = new ConnectionSource() {
        @Override
        public Connection take(TargetSpec spec, Dialect dialect) {
            return ServerConnection.connect(spec, dialect);
        }

        @Override
        public void give(TargetSpec spec, Connection connection) {
            ServerConnection.closeQuietly(connection);
        }
    };

    /** A connection for {@code spec}, logged in; any schema it was in before is the caller's to change. */
    Connection take(TargetSpec spec, Dialect dialect) throws SQLException;

    /**
     * Gives the connection back: kept for the next session, reset of everything the session left on it
     * (settings, role, advisory locks, temporary tables), or closed. Nothing a session sets outlives it.
     */
    void give(TargetSpec spec, Connection connection);

    /**
     * True when {@link #give} resets a connection it keeps before returning, releasing the session's advisory
     * locks at once; false when it may only close it (the server then releases them when the session ends).
     */
    default boolean resetsOnGive(TargetSpec spec) {
        return false;
    }
}
