package dev.flotilla.sql;

import java.sql.SQLException;

/** Session settings changed for a run; closing restores what was there before. */
public interface SessionSettings extends AutoCloseable {
    SessionSettings NONE = () -> { };

    @Override
    void close() throws SQLException;
}
