package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How a MariaDB server tells table, view and database names apart, by its {@code lower_case_table_names}: 0 keeps a
 * name's case ({@code Orders} is not {@code orders}), 1 and 2 ignore it; not known before the setting is read, or where
 * it cannot be. Routine names never differ in case alone, whatever the setting. Immutable.
 */
enum MariaDbTableNames {
    KEEP_CASE(Boolean.TRUE),
    IGNORE_CASE(Boolean.FALSE),
    /** Not read: keys ignore case, so that two names told apart by case alone are taken as one, not missed. */
    NOT_KNOWN(null);

    private final Boolean keepCase;

    MariaDbTableNames(Boolean keepCase) {
        this.keepCase = keepCase;
    }

    /** The server's, read with one query; {@link #NOT_KNOWN} where it cannot be read. */
    static MariaDbTableNames of(Connection connection) {
        try {
            return "0".equals(Jdbc.queryString(connection, "SELECT @@lower_case_table_names")) ? KEEP_CASE : IGNORE_CASE;
        } catch (SQLException unreadable) {
            return NOT_KNOWN;
        }
    }

    /** Whether names differ in case alone; null when not known. */
    Boolean keepCase() {
        return keepCase;
    }

    /** A table's, view's or database's name as this server compares it. */
    String key(String name) {
        return this == KEEP_CASE ? name : routineKey(name);
    }

    /** A function's or procedure's name, as any server compares it: whatever the case. */
    static String routineKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
