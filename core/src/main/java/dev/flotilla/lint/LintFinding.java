package dev.flotilla.lint;

import java.util.Objects;

/**
 * One warning about a migration: which rule, how serious, why and what to do, and where.
 *
 * @param message what the statement does and why it is risky, then {@code remedy}
 * @param line the statement's line in the file, 0 when the finding is about the whole script
 * @param remedy the end of {@code message} that says what to do about it (edit the file, add a statement); empty when
 *     the message gives none. A finding in a file that already ran gets another ({@link #withRemedy}): editing that file
 *     would change its checksum.
 */
public record LintFinding(String rule, LintSeverity severity, String message, String script, int line, String remedy) {
    public LintFinding {
        Objects.requireNonNull(message, "message");
        remedy = remedy == null ? "" : remedy;
        if (!message.endsWith(remedy)) {
            throw new IllegalArgumentException("The remedy must end the message: " + remedy);
        }
    }

    /** A finding whose message gives no remedy of its own. */
    public LintFinding(String rule, LintSeverity severity, String message, String script, int line) {
        this(rule, severity, message, script, line, "");
    }

    /** This finding saying {@code other} where it said its remedy (after its message when it had none). */
    public LintFinding withRemedy(String other) {
        String said = message.substring(0, message.length() - remedy.length()).stripTrailing();
        return new LintFinding(rule, severity, said + " " + other, script, line, other);
    }

    /** The same finding, {@code scrub} applied to its message (which may quote a statement) and its remedy. */
    public LintFinding masked(java.util.function.UnaryOperator<String> scrub) {
        String said = scrub.apply(message);
        String other = scrub.apply(remedy);
        return new LintFinding(rule, severity, said, script, line, said.endsWith(other) ? other : "");
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase() + " [" + rule + "] " + script + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
