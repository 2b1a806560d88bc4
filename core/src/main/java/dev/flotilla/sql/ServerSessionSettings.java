package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads, sets and later restores named session variables of a server dialect. */
final class ServerSessionSettings implements SessionSettings {
    /**
     * How a dialect reads and writes its session variables, all of them in one round trip each way; names
     * are Flotilla's own constants.
     */
    interface Access {
        List<String> get(Connection connection, List<String> names) throws SQLException;

        void set(Connection connection, List<Setting> settings) throws SQLException;
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
        List<Setting> wanted = wanted(settings);
        if (wanted.isEmpty()) {
            return NONE;
        }
        List<String> values = access.get(connection, wanted.stream().map(Setting::name).toList());
        List<Setting> previous = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            previous.add(new Setting(wanted.get(i).name(), values.get(i)));
        }
        access.set(connection, wanted);
        return new ServerSessionSettings(connection, access, previous);
    }

    /** Sets each setting with a non-null value, without reading what it replaces: nothing to restore. */
    static void set(Connection connection, Access access, Setting... settings) throws SQLException {
        List<Setting> wanted = wanted(settings);
        if (!wanted.isEmpty()) {
            access.set(connection, wanted);
        }
    }

    /** The settings that have a value: a null value leaves the variable as it is. */
    static List<Setting> wanted(Setting... settings) {
        // A loop, not a stream: every session sets its timeouts.
        List<Setting> wanted = new ArrayList<>(settings.length);
        for (Setting setting : settings) {
            if (setting.value() != null) {
                wanted.add(setting);
            }
        }
        return wanted;
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        access.set(connection, previous);
    }
}
