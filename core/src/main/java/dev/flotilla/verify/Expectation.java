package dev.flotilla.verify;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What a custom check expects of a statement, from its {@code -- expect:} line: {@code empty} (no rows),
 * {@code rows N}, {@code value V} (the first column of the first row, compared as text), or
 * {@code error KIND} where KIND is {@code not-null}, {@code foreign-key}, {@code unique}, {@code check}, a
 * five-character SQLSTATE, or {@code any}.
 */
record Expectation(Kind kind, String operand) {
    enum Kind { EMPTY, ROWS, VALUE, ERROR }

    static Expectation parse(String text, String where) {
        String[] words = text.strip().split("\\s+", 2);
        String operand = words.length > 1 ? words[1].strip() : null;
        Kind kind = switch (words[0].toLowerCase(Locale.ROOT)) {
            case "empty" -> Kind.EMPTY;
            case "rows" -> Kind.ROWS;
            case "value" -> Kind.VALUE;
            case "error" -> Kind.ERROR;
            default -> throw bad(where, text);
        };
        if (kind == Kind.ROWS && (operand == null || !operand.matches("\\d+"))
                || kind == Kind.VALUE && operand == null
                || kind == Kind.ERROR && operand != null && Violation.parse(operand) == null && !operand.equals("any")) {
            throw bad(where, text);
        }
        if (kind == Kind.VALUE && operand.length() >= 2 && operand.startsWith("'") && operand.endsWith("'")) {
            operand = operand.substring(1, operand.length() - 1);
        }
        return new Expectation(kind, operand);
    }

    private static FlotillaException bad(String where, String text) {
        return new FlotillaException(ErrorCode.BAD_CONFIG, where + ": cannot read '-- expect: " + text.strip() + "'. Write"
                + " 'empty', 'rows N', 'value V', or 'error not-null|foreign-key|unique|check|<SQLSTATE>|any'.");
    }

    /**
     * Runs {@code sql}, {@code tenant} bound to its {@code ${tenant}}, and returns what did not match, or null when it met
     * the expectation.
     */
    String check(Connection connection, Dialect dialect, CheckSql sql, String tenant) throws SQLException {
        try (Statement statement = sql.prepare(connection, dialect, tenant)) {
            boolean hasRows = sql.execute(statement);
            if (kind == Kind.ERROR) {
                return "expected " + (operand == null ? "an" : "a " + operand) + " error, but the statement succeeded";
            }
            if (!hasRows) {
                return "expected rows to look at, but the statement returned none (is it a SELECT?)";
            }
            try (ResultSet rows = statement.getResultSet()) {
                return compare(rows);
            }
        } catch (SQLException e) {
            if (kind != Kind.ERROR) {
                throw e;
            }
            Violation got = Violation.of(e);
            boolean matches = operand == null || operand.equals("any") || Violation.parse(operand) == got
                    || operand.equalsIgnoreCase(e.getSQLState());
            return matches ? null : "expected a " + operand + " error, got " + (got == null ? "" : got.word() + " ")
                    + "[SQLSTATE " + e.getSQLState() + "] " + dev.flotilla.target.Failures.message(e);
        }
    }

    private String compare(ResultSet rows) throws SQLException {
        return switch (kind) {
            case EMPTY -> rows.next() ? "expected no rows, got at least one (first: " + rows.getString(1) + ")" : null;
            case ROWS -> {
                long count = 0;
                while (rows.next()) {
                    count++;
                }
                yield count == Long.parseLong(operand) ? null : "expected " + operand + " row(s), got " + count;
            }
            case VALUE -> {
                String value = rows.next() ? rows.getString(1) : null;
                yield operand.equals(value) ? null : "expected the value " + operand + ", got " + value;
            }
            case ERROR -> throw new IllegalStateException("handled by check");
        };
    }
}
