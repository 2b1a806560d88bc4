package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL's session settings as Flotilla reads and sets them: {@code current_setting(?)} and
 * {@code set_config(?, ?, false)}, several in one query, and the lock and statement timeouts in milliseconds.
 */
final class PostgresSessionSettings {
    /** Reads and sets a session's settings, each call one round trip. */
    static final ServerSessionSettings.Access ACCESS = new ServerSessionSettings.Access() {
        @Override
        public List<String> get(Connection connection, List<String> names) throws SQLException {
            return Jdbc.queryRow(connection, "SELECT " + String.join(", ", java.util.Collections.nCopies(names.size(),
                    "current_setting(?)")), names.toArray());
        }

        @Override
        public void set(Connection connection, List<ServerSessionSettings.Setting> settings) throws SQLException {
            Jdbc.prepareAndRun(connection, setConfigs(settings.size()), setConfigParameters(settings));
        }
    };

    private PostgresSessionSettings() {
    }

    /** One query setting {@code count} session variables, each from a name and a value parameter. */
    static String setConfigs(int count) {
        return "SELECT " + String.join(", ", java.util.Collections.nCopies(count, "set_config(?, ?, false)"));
    }

    /** The parameters of {@link #setConfigs} for the timeouts that are set; null when neither is. */
    static Object[] timeoutParameters(LockRequest.Timeouts timeouts) {
        List<ServerSessionSettings.Setting> wanted = timeouts == null ? List.of()
                : ServerSessionSettings.wanted(timeouts(timeouts.lock(), timeouts.statement()));
        return wanted.isEmpty() ? null : setConfigParameters(wanted);
    }

    /** Each setting's name, then its value: the parameters of {@link #setConfigs}. */
    private static Object[] setConfigParameters(List<ServerSessionSettings.Setting> settings) {
        Object[] parameters = new Object[settings.size() * 2];
        for (int i = 0; i < settings.size(); i++) {
            parameters[2 * i] = settings.get(i).name();
            parameters[2 * i + 1] = settings.get(i).value();
        }
        return parameters;
    }

    /** {@code lock_timeout} and {@code statement_timeout}, each null (not set) when its duration is. */
    static ServerSessionSettings.Setting[] timeouts(Duration lockTimeout, Duration statementTimeout) {
        return new ServerSessionSettings.Setting[] {new ServerSessionSettings.Setting("lock_timeout", millis(lockTimeout)),
                new ServerSessionSettings.Setting("statement_timeout", millis(statementTimeout))};
    }

    private static String millis(Duration duration) {
        return duration == null ? null : duration.toMillis() + "ms";
    }
}
