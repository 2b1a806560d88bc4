package dev.flotilla.lint;

import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.Set;

/**
 * One migration file's statements, placeholders replaced and split with the target's dialect.
 *
 * @param disabled the rule ids the file switches off for itself ({@link LintDirective})
 */
public record LintScript(String script, List<SqlStatement> statements, Set<String> disabled) {
    public LintScript {
        statements = List.copyOf(statements);
        disabled = Set.copyOf(disabled);
    }

    /** A file that switches no rule off. */
    public LintScript(String script, List<SqlStatement> statements) {
        this(script, statements, Set.of());
    }
}
