package dev.flotilla.sql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * PostgreSQL: {@code E'..'} escape strings, {@code $$} and {@code $tag$} bodies, nested block comments,
 * {@code BEGIN ATOMIC .. END} function bodies, and the statements that refuse to run in a transaction. Which those are
 * depends on the server: {@code ALTER TYPE .. ADD VALUE} runs in one since PostgreSQL 12 (the value cannot be used
 * before the transaction commits, 55P04), so it is classed transactional there and refused only before.
 */
final class PostgresScriptSplitter extends ScriptSplitter {
    /** The first major version whose {@code ALTER TYPE .. ADD VALUE} runs inside a transaction block. */
    static final int ADD_VALUE_IN_TRANSACTION_SINCE = 12;
    private static final String ALWAYS_OUTSIDE = "CREATE( UNIQUE)? INDEX CONCURRENTLY|DROP INDEX CONCURRENTLY"
            + "|REINDEX .*CONCURRENTLY|VACUUM|CREATE DATABASE|DROP DATABASE|ALTER SYSTEM|CREATE TABLESPACE|DROP TABLESPACE";
    private static final Pattern OUTSIDE_TRANSACTION = outside(ALWAYS_OUTSIDE);
    private static final Pattern OUTSIDE_TRANSACTION_BEFORE_12 = outside(ALWAYS_OUTSIDE + "|ALTER TYPE .* ADD VALUE");
    private static final Pattern ADDS_ENUM_VALUE = outside("ALTER TYPE .* ADD VALUE");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Pattern outsideTransaction;

    /** For a server of {@code majorVersion}; 0 when not known, which is taken as the oldest (the stricter rules). */
    PostgresScriptSplitter(int majorVersion) {
        this.outsideTransaction = majorVersion >= ADD_VALUE_IN_TRANSACTION_SINCE ? OUTSIDE_TRANSACTION
                : OUTSIDE_TRANSACTION_BEFORE_12;
    }

    private static Pattern outside(String statements) {
        return Pattern.compile("(" + statements + ")\\b.*", Pattern.DOTALL);
    }

    @Override
    boolean isEscapeStringPrefix(String word) {
        return word.equals("E") || word.equals("e");
    }

    @Override
    DollarQuotes dollarQuotes() {
        return DollarQuotes.TAGGED;
    }

    @Override
    boolean nestedBlockComments() {
        return true;
    }

    @Override
    boolean opensBody(List<String> words, String next) {
        return startsWithWords(words, "CREATE") && (words.contains("FUNCTION") || words.contains("PROCEDURE"))
                && next.equals("ATOMIC");
    }

    @Override
    boolean canRunInTransaction(String statement) {
        return !outsideTransaction.matcher(normalized(statement)).matches();
    }

    /** Whether the statement adds a value to an enum type, which cannot be used before its transaction commits. */
    static boolean addsEnumValue(String statement) {
        return ADDS_ENUM_VALUE.matcher(normalized(statement)).matches();
    }

    private static String normalized(String statement) {
        return WHITESPACE.matcher(statement.toUpperCase(java.util.Locale.ROOT)).replaceAll(" ");
    }
}
