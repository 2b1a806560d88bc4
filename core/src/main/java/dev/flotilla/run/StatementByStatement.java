package dev.flotilla.run;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;

/**
 * Why a script ran statement by statement, each statement committing by itself, said the same way wherever Flotilla
 * tells it: the database cannot roll DDL back (MariaDB/MySQL, H2), or one of the script's statements cannot run inside
 * a transaction (PostgreSQL's {@code CREATE INDEX CONCURRENTLY}), named with its line and text.
 */
final class StatementByStatement {
    private static final int SQL_CHARS = 60;

    private StatementByStatement() {
    }

    /**
     * The reason, in parentheses' words: "each statement committed by itself, as ...".
     *
     * @param script the script as prepared for the target; null when its file is gone
     */
    static String why(Dialect dialect, PreparedScript script) {
        if (!dialect.transactionalDdl()) {
            return "each statement committed by itself: " + dialect.name() + " commits DDL by itself";
        }
        return "each statement committed by itself: the script ran outside a transaction" + (script == null ? ""
                : script.firstNonTransactional().map(s -> ", as its " + refusing(s) + " cannot run inside one").orElse(""));
    }

    /** "statement at line 3 (CREATE INDEX CONCURRENTLY idx ON t (x))", its text on one line and shortened. */
    static String refusing(SqlStatement statement) {
        return "statement at line " + statement.line() + " (" + shortened(statement.sql()) + ")";
    }

    static String shortened(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() <= SQL_CHARS ? line : line.substring(0, SQL_CHARS - 3) + "...";
    }
}
