package dev.flotilla.lint;

/**
 * One warning about a migration: which rule, how serious, why and what to do, and where.
 *
 * @param line the statement's line in the file, 0 when the finding is about the whole script
 */
public record LintFinding(String rule, LintSeverity severity, String message, String script, int line) {
    @Override
    public String toString() {
        return severity.name().toLowerCase() + " [" + rule + "] " + script + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
