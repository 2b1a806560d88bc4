package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads, sets and later restores named session variables of a server dialect. */
final class ServerSessionSettings implements SessionSettings {
    /** How a dialect reads and writes one of its session variables; names are Flotilla's own constants. */
    interface Access {
        String get(Connection connection, String name) throws SQLException;

        void set(Connection connection, String name, String value) throws SQLException;
    }

    record Setting(String name, String value) {
    }

    private final Connection connection;
    private final Access access;
    private final List<Setting> previous;

    private ServerSessionSettings(Connection connection, Access access, List<Setting> previous) {
        this.connection = connection;
        this.access = access;
        this.previous = previous;
    }

    /** Sets each setting with a non-null value, remembering the value it replaces. */
    static SessionSettings apply(Connection connection, Access access, Setting... settings) throws SQLException {
        List<Setting> previous = new ArrayList<>();
        for (Setting setting : settings) {
            if (setting.value() == null) {
                continue;
            }
            previous.add(new Setting(setting.name(), access.get(connection, setting.name())));
            access.set(connection, setting.name(), setting.value());
        }
        return previous.isEmpty() ? NONE : new ServerSessionSettings(connection, access, previous);
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        for (Setting setting : previous) {
            access.set(connection, setting.name(), setting.value());
        }
    }
}
