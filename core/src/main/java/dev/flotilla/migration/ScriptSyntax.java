package dev.flotilla.migration;

import dev.flotilla.ErrorCode;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Placeholders;
import dev.flotilla.sql.SqlParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a script splits into statements, for the loader to report a broken one with the folder's other problems
 * instead of after they are fixed. With the target's dialect when it is known; else as {@code validate} without a
 * target checks, in at least one dialect's syntax (an unterminated string or comment breaks every one, what only one
 * dialect knows, such as dollar quotes or {@code DELIMITER}, passes). Placeholders stand for their own names, their
 * values being unknown here. Stateless; thread-safe.
 */
final class ScriptSyntax {
    private static final List<String> EVERY_DIALECT = List.of("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:sqlite:", "jdbc:h2:");

    private final List<Dialect> dialects;
    private final boolean every;

    /** @param dialect the target's, or null for every supported dialect */
    ScriptSyntax(Dialect dialect) {
        this.every = dialect == null;
        this.dialects = dialect != null ? List.of(dialect) : EVERY_DIALECT.stream().map(Dialect::forUrl).toList();
    }

    /** The error for a script none of the dialects can split, at the line the first one stopped at; null when one can. */
    LoadFinding check(String name, String content) {
        Map<String, String> names = new HashMap<>();
        Placeholders.find(content).forEach(use -> names.put(use.name(), use.name()));
        String text = Placeholders.replace(content, names);
        SqlParseException first = null;
        for (Dialect dialect : dialects) {
            try {
                dialect.split(text);
                return null;
            } catch (SqlParseException e) {
                first = first == null ? e : first;
            }
        }
        String message = first.getMessage();
        return new LoadFinding(Severity.ERROR, ErrorCode.SQL_PARSE_ERROR, "cannot be split into statements"
                + (every ? " in any dialect's syntax" : "") + ": " + (message.endsWith(".") ? message.substring(0,
                message.length() - 1) : message) + ". Fix the file.", name, first.line());
    }
}
