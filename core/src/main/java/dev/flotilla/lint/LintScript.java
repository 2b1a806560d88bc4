package dev.flotilla.lint;

import dev.flotilla.sql.SqlStatement;
import java.util.List;

/** One migration file's statements, placeholders replaced and split with the target's dialect. */
public record LintScript(String script, List<SqlStatement> statements) {
    public LintScript {
        statements = List.copyOf(statements);
    }
}
