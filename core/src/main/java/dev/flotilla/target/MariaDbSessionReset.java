package dev.flotilla.target;

import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Readies a MariaDB connection one session has finished with for a session in another database on the same server, so
 * that it is, for that session, the connection a new login would have given. {@code COM_RESET_CONNECTION} (the
 * driver's {@code reset()}, sent only with {@code useResetConnection}) rolls back an open transaction and puts back
 * autocommit, drops temporary tables and prepared statements, clears user variables, releases {@code GET_LOCK} locks and
 * sets every session variable to its global value; the driver puts back what it caches (autocommit, read-only,
 * network timeout). It leaves the connection in its last database, and it also undoes what the driver set at login
 * ({@code IGNORE_SPACE} in {@code sql_mode}, the tracked variables), and any URL {@code sessionVariables} or
 * {@code init_connect}: {@link #freshSession} reads those once from a new connection, {@link #reset} sets them again.
 * MySQL servers, and MariaDB before 10.2.22 / 10.3.13, do not get {@code COM_RESET_CONNECTION} from the driver:
 * {@link #supported} is false there, and their connections are not reused. Stateless.
 */
final class MariaDbSessionReset {
    /** The session variables a new connection has that differ from the server's global ones: what login set. */
    private static final String SET_AT_LOGIN = "SELECT s.VARIABLE_NAME, s.VARIABLE_VALUE"
            + " FROM information_schema.SESSION_VARIABLES s JOIN information_schema.GLOBAL_VARIABLES g"
            + " ON g.VARIABLE_NAME = s.VARIABLE_NAME WHERE NOT (s.VARIABLE_VALUE <=> g.VARIABLE_VALUE) ORDER BY 1";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private MariaDbSessionReset() {
    }

    /** Whether the driver sends {@code COM_RESET_CONNECTION} on this connection's {@code reset()}: a MariaDB server that has it. */
    static boolean supported(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
            return false;
        }
        var version = connection.unwrap(org.mariadb.jdbc.Connection.class).getContext().getVersion();
        return version.isMariaDBServer() && (version.versionGreaterOrEqual(10, 3, 13)
                || version.getMajorVersion() == 10 && version.getMinorVersion() == 2 && version.versionGreaterOrEqual(10, 2, 22));
    }

    /**
     * What a new connection's login set in its session, as one {@code SET SESSION} statement ("" when nothing), to
     * set again after each reset; empty when it cannot be written back safely (a name or value it would have to
     * escape), and such connections are then not reused.
     */
    static java.util.Optional<String> freshSession(Connection connection) throws SQLException {
        List<String> assignments = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SET_AT_LOGIN)) {
            while (rows.next()) {
                String name = rows.getString(1);
                String value = rows.getString(2);
                if (!NAME.matcher(name).matches() || value.indexOf('\\') >= 0 || value.indexOf('\'') >= 0) {
                    return java.util.Optional.empty();
                }
                assignments.add(name.toLowerCase(java.util.Locale.ROOT) + " = "
                        + (NUMBER.matcher(value).matches() ? value : "'" + value + "'"));
            }
        }
        return java.util.Optional.of(assignments.isEmpty() ? "" : "SET SESSION " + String.join(", ", assignments));
    }

    /** Resets the session ({@link MariaDbSessionReset above}) and sets again what {@code freshSession} read at login. */
    static void reset(Connection connection, String freshSession) throws SQLException {
        connection.unwrap(org.mariadb.jdbc.Connection.class).reset();
        if (!freshSession.isEmpty()) {
            Jdbc.execute(connection, freshSession);
        }
    }

    /** Puts a reset connection in {@code database}, as a new login to a URL naming it would be. */
    static void enter(Connection connection, String database) throws SQLException {
        Jdbc.execute(connection, "USE `" + database.replace("`", "``") + "`");
    }
}
