package dev.flotilla.verify;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The kind of integrity error a statement raised, the same on every dialect: by SQLSTATE where the database
 * sets the standard one (PostgreSQL, H2), by vendor code on MariaDB/MySQL (all 23000), by message on SQLite.
 */
enum Violation {
    NOT_NULL("not-null", "23502"),
    FOREIGN_KEY("foreign-key", "23503"),
    UNIQUE("unique", "23505"),
    CHECK("check", "23514");

    private final String word;
    private final String sqlState;

    Violation(String word, String sqlState) {
        this.word = word;
        this.sqlState = sqlState;
    }

    String word() {
        return word;
    }

    /** The kind a word or SQLSTATE names, or null. */
    static Violation parse(String text) {
        for (Violation violation : values()) {
            if (violation.word.equalsIgnoreCase(text) || violation.sqlState.equals(text)) {
                return violation;
            }
        }
        return null;
    }

    /** The kind of integrity error {@code e} is, or null when it is none (or one Flotilla does not know). */
    static Violation of(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        switch (state) {
            case "23502": return NOT_NULL;
            case "23503", "23506": return FOREIGN_KEY;
            case "23505": return UNIQUE;
            case "23513", "23514": return CHECK;
            default: break;
        }
        switch (e.getErrorCode()) {
            case 1048, 1364: return NOT_NULL;
            case 1216, 1217, 1451, 1452: return FOREIGN_KEY;
            case 1062, 1586: return UNIQUE;
            case 3819, 4025: return CHECK;
            default: break;
        }
        String message = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        if (message.contains("NOT NULL CONSTRAINT FAILED")) {
            return NOT_NULL;
        }
        if (message.contains("FOREIGN KEY CONSTRAINT FAILED")) {
            return FOREIGN_KEY;
        }
        if (message.contains("UNIQUE CONSTRAINT FAILED")) {
            return UNIQUE;
        }
        return message.contains("CHECK CONSTRAINT FAILED") ? CHECK : null;
    }
}
