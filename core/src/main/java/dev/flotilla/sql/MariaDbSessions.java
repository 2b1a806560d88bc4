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
    /** How many sessions a lock timeout's message names. */
    private static final int SHOWN = 5;

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

    /**
     * The sessions with an open InnoDB transaction whose current database is {@code database} (null: the connection's),
     * oldest first, as a sentence with its leading space for a statement that timed out waiting for a lock, with the
     * command that ends one for the user to decide. MariaDB does not say who holds a metadata lock: a session that
     * holds it with LOCK TABLES, or from a transaction begun in another database, is not among them, and the sentence
     * says so. Empty when it cannot be read.
     */
    static String transactionsIn(Connection connection, String database) {
        try {
            List<String> seen = Jdbc.queryStrings(connection, "SELECT CONCAT(p.ID, CHAR(9), 'session ', p.ID, ' (',"
                    + " QUOTE(COALESCE(p.USER, '')), '@', QUOTE(SUBSTRING_INDEX(COALESCE(p.HOST, ''), ':', 1)), ', ', p.COMMAND, ', transaction open for ',"
                    + " TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), ' s', CHAR(9), COALESCE(LEFT(p.INFO, 1000), ''))"
                    + " FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                    + " WHERE p.DB = COALESCE(?, DATABASE()) AND p.ID <> CONNECTION_ID() ORDER BY t.trx_started, p.ID", database);
            String unseen = " MariaDB does not say who holds a table's metadata lock: a session holding it with LOCK TABLES,"
                    + " or from a transaction begun in another database, is not listed; SHOW PROCESSLIST shows every session.";
            if (seen.isEmpty()) {
                String user = userWithoutProcessPrivilege(connection);
                return " No session with an open transaction in that database is seen" + (user == null ? "." : " by " + user
                        + ", which without the PROCESS privilege sees only its own sessions (GRANT PROCESS ON *.* TO " + user
                        + ").") + unseen;
            }
            List<String> shown = seen.subList(0, Math.min(SHOWN, seen.size())).stream().map(MariaDbSessions::described).toList();
            return " Sessions with an open transaction in that database, oldest first: " + String.join("; ", shown)
                    + (seen.size() > SHOWN ? "; and " + (seen.size() - SHOWN) + " more" : "") + ". If one of them should not"
                    + " be holding its tables (a forgotten transaction), you may end it, rolling back its work: `KILL "
                    + seen.get(0).substring(0, seen.get(0).indexOf('\t')) + "`." + unseen;
        } catch (SQLException | RuntimeException e) {
            return "";
        }
    }

    /** {@code id TAB description TAB query} as the description with the start of its running statement, literals masked. */
    private static String described(String row) {
        String[] parts = row.split("\t", 3);
        return parts[1] + (parts[2].isBlank() ? "" : ", running: " + QueryExcerpt.of(parts[2])) + ")";
    }
}
