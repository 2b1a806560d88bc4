package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * What a MariaDB/MySQL session can tell of the server's other sessions. Without the PROCESS privilege the
 * PROCESSLIST shows the connecting user's own sessions only, so "no session" there may be another user's session
 * unseen: callers say so, with the privilege to grant, rather than report none.
 */
public final class MariaDbSessions {
    private MariaDbSessions() {
    }

    /**
     * The connecting user ({@code 'flotilla'@'%'}) when it lacks the PROCESS privilege, else null. Read from
     * {@code SHOW GRANTS}, which also lists the privileges of the session's active role.
     */
    public static String userWithoutProcessPrivilege(Connection connection) throws SQLException {
        boolean process = Jdbc.queryStrings(connection, "SHOW GRANTS").stream()
                .map(grant -> grant.toUpperCase(Locale.ROOT))
                .filter(grant -> grant.matches("GRANT .* ON \\*\\.\\* TO .*"))
                .map(grant -> grant.substring("GRANT ".length(), grant.indexOf(" ON *.* TO ")))
                .anyMatch(privileges -> privileges.contains("ALL PRIVILEGES") || privileges.matches("(.*, )?PROCESS(, .*)?"));
        return process ? null : Jdbc.queryString(connection, "SELECT CONCAT(QUOTE(SUBSTRING_INDEX(CURRENT_USER(), '@', 1)),"
                + " '@', QUOTE(SUBSTRING_INDEX(CURRENT_USER(), '@', -1)))");
    }

    /**
     * Who holds the {@code GET_LOCK} lock {@code name}, as a sentence to add to a lock timeout ({@code It is held by
     * session 42 ('flotilla'@'10.0.0.7', Sleep for 3600 s) ...}); empty when it was released meanwhile or cannot be told.
     * A run killed without closing its connection (its machine gone) leaves its session, and the lock, until the
     * server notices, which is what the sentence lets an operator end.
     */
    static String lockHolder(Connection connection, String name) {
        try {
            String id = Jdbc.queryString(connection, "SELECT IS_USED_LOCK(?)", name);
            if (id == null) {
                return "";
            }
            List<String> session = Jdbc.queryRow(connection, "SELECT CONCAT(QUOTE(USER), '@', QUOTE(SUBSTRING_INDEX(HOST, ':', 1))),"
                    + " COMMAND, TIME FROM information_schema.PROCESSLIST WHERE ID = ?", Long.parseLong(id));
            String kill = " If that run is dead (killed, or its machine gone), end its session with KILL " + id + ".";
            if (!session.isEmpty()) {
                return " It is held by session " + id + " (" + session.get(0) + ", " + session.get(1) + " for " + session.get(2)
                        + " s)." + kill;
            }
            String user = userWithoutProcessPrivilege(connection);
            return " It is held by session " + id + (user == null ? "." : ", which " + user + " cannot see: without the PROCESS"
                    + " privilege it sees only its own sessions (GRANT PROCESS ON *.* TO " + user + " to see whose it is).") + kill;
        } catch (SQLException | RuntimeException e) {
            return "";
        }
    }
}
