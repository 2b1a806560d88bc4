package dev.flotilla.sql;

import java.util.List;

/**
 * MySQL and MariaDB: backslash escapes, ".." strings, backticks, {@code #} and {@code -- } comments,
 * executable comments {@code /*! .. *}{@code /}, the {@code DELIMITER} directive, and BEGIN..END bodies of
 * triggers, procedures, functions, events and {@code BEGIN NOT ATOMIC} blocks written without one.
 */
final class MySqlScriptSplitter extends ScriptSplitter {
    private static final List<String> COMPOUND_OBJECTS = List.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");

    @Override
    boolean backslashEscapesInStrings() {
        return true;
    }

    @Override
    boolean doubleQuoteIsString() {
        return true;
    }

    @Override
    String extraIdentifierQuotes() {
        return "`";
    }

    @Override
    boolean isLineComment(String script, int pos) {
        if (script.charAt(pos) == '#') {
            return true;
        }
        // MySQL needs a space or control character after "--"; "--x" is an expression.
        return script.startsWith("--", pos) && (pos + 2 == script.length() || script.charAt(pos + 2) <= ' ');
    }

    @Override
    boolean blockCommentIsText(String script, int pos) {
        return script.startsWith("/*!", pos) || script.startsWith("/*M!", pos);
    }

    @Override
    boolean delimiterDirective() {
        return true;
    }

    @Override
    boolean opensBody(List<String> words, String next) {
        if (words.isEmpty()) {
            return next.equals("NOT"); // MariaDB's BEGIN NOT ATOMIC .. END
        }
        return startsWithWords(words, "CREATE") && COMPOUND_OBJECTS.stream().anyMatch(words::contains);
    }
}
