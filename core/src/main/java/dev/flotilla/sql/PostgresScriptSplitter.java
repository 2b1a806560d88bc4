package dev.flotilla.sql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * PostgreSQL: {@code E'..'} escape strings, {@code $$} and {@code $tag$} bodies, nested block comments,
 * {@code BEGIN ATOMIC .. END} function bodies, and the statements that refuse to run in a transaction.
 */
final class PostgresScriptSplitter extends ScriptSplitter {
    private static final Pattern OUTSIDE_TRANSACTION = Pattern.compile(
            "(CREATE( UNIQUE)? INDEX CONCURRENTLY|DROP INDEX CONCURRENTLY|REINDEX .*CONCURRENTLY|VACUUM|"
                    + "CREATE DATABASE|DROP DATABASE|ALTER SYSTEM|CREATE TABLESPACE|DROP TABLESPACE|ALTER TYPE .* ADD VALUE)\\b.*",
            Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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
        String normalized = WHITESPACE.matcher(statement.toUpperCase(java.util.Locale.ROOT)).replaceAll(" ");
        return !OUTSIDE_TRANSACTION.matcher(normalized).matches();
    }
}
