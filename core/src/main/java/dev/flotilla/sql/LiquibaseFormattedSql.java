package dev.flotilla.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL: a script whose first line is {@code --liquibase formatted sql} carries Liquibase's directives
 * as line comments ({@code --changeset alice:1}, {@code --rollback ...}, {@code --comment: ...}, preconditions). Liquibase
 * reads them with or without a space after {@code --}; MySQL and MariaDB take {@code --x} for an expression, so the
 * splitters drop these lines in every dialect, and a changeset line ends the statement before it, as it ends Liquibase's
 * changeset. Stateless.
 */
final class LiquibaseFormattedSql {
    private static final Pattern HEADER = Pattern.compile("\\A\\s*--[ \\t]*liquibase[ \\t]+formatted[ \\t]+sql\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIRECTIVE = Pattern.compile("--[ \\t]*(liquibase[ \\t]+formatted|changeset|rollback|comment"
            + "|preconditions|precondition|validCheckSum|ignoreLines|property|include|includeAll)\\b", Pattern.CASE_INSENSITIVE);

    /** What a line starting with {@code --} is to Liquibase. */
    enum Line { NOT_A_DIRECTIVE, CHANGESET, OTHER_DIRECTIVE }

    private LiquibaseFormattedSql() {
    }

    static boolean isFormatted(String script) {
        return HEADER.matcher(script).lookingAt();
    }

    /** The directive starting at {@code pos} of a formatted script, which counts only first on its line (after blanks). */
    static Line lineAt(String script, int pos) {
        if (!script.startsWith("--", pos) || !firstOnItsLine(script, pos)) {
            return Line.NOT_A_DIRECTIVE;
        }
        Matcher matcher = DIRECTIVE.matcher(script).region(pos, script.length());
        if (!matcher.lookingAt()) {
            return Line.NOT_A_DIRECTIVE;
        }
        return matcher.group(1).equalsIgnoreCase("changeset") ? Line.CHANGESET : Line.OTHER_DIRECTIVE;
    }

    private static boolean firstOnItsLine(String script, int pos) {
        for (int i = pos - 1; i >= 0 && script.charAt(i) != '\n'; i--) {
            if (script.charAt(i) != ' ' && script.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }
}
