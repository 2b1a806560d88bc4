package dev.flotilla.sql;

import java.util.List;
import java.util.Locale;

/**
 * SQLite: {@code CREATE TRIGGER .. BEGIN .. END} bodies (not confused with {@code BEGIN TRANSACTION}),
 * backtick and [bracket] identifiers; {@code VACUUM} cannot run in a transaction.
 */
final class SqliteScriptSplitter extends ScriptSplitter {
    @Override
    String extraIdentifierQuotes() {
        return "`";
    }

    @Override
    boolean bracketIdentifiers() {
        return true;
    }

    @Override
    boolean opensBody(List<String> words, String next) {
        return startsWithWords(words, "CREATE") && words.contains("TRIGGER");
    }

    @Override
    boolean canRunInTransaction(String statement) {
        return !statement.toUpperCase(Locale.ROOT).startsWith("VACUUM");
    }
}
