package dev.flotilla.lint;

import dev.flotilla.sql.SqlParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Lint rules a migration file switches off for itself, in a line among the {@code --} comments at its top:
 * <pre>-- flotilla:lint-disable non-transactional-ddl  the statements can all run again</pre>
 * Rule ids are comma-separated, as in {@code lint.disabled}; the rest of the line is free text, the reason for the
 * reviewer. A comment to every other tool. An unknown rule id, or the line further down the file (where it would
 * look like it covers only what follows), is an invalid migration, named with its line, like a malformed
 * {@code -- flotilla:backfill} line.
 */
public final class LintDirective {
    public static final String PREFIX = "-- flotilla:lint-disable";

    private LintDirective() {
    }

    /** The rule ids the file's lint-disable lines name; none when it has no such line. */
    public static Set<String> disabledRules(String text) {
        if (!text.contains(PREFIX)) {
            return Set.of(); // most files: one scan, nothing split (a deployment prepares each script per target)
        }
        Set<String> disabled = new TreeSet<>();
        boolean header = true;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(PREFIX) && (line.length() == PREFIX.length() || Character.isWhitespace(line.charAt(PREFIX.length())))) {
                if (!header) {
                    throw new SqlParseException(i + 1, PREFIX + " comes after the first statement;"
                            + " it switches rules off for the whole file, so put it in the comment lines at the top of the file.");
                }
                disabled.addAll(rules(line, i + 1));
            } else if (header && !line.isEmpty() && !line.startsWith("--")) {
                header = false;
            }
        }
        return disabled;
    }

    private static Set<String> rules(String line, int number) {
        String rest = line.substring(PREFIX.length()).strip();
        if (rest.isEmpty()) {
            throw new SqlParseException(number, PREFIX + " names no rule. Write e.g. " + PREFIX
                    + " non-transactional-ddl  <why>");
        }
        Set<String> ids = new TreeSet<>();
        for (String id : rest.split("\\s+", 2)[0].split(",")) {
            if (id.isEmpty()) {
                continue;
            }
            if (LintRule.byId(id).isEmpty()) {
                throw new SqlParseException(number, PREFIX + " names an unknown lint rule " + id
                        + ". Known rules: " + Arrays.stream(LintRule.values()).map(LintRule::id).collect(Collectors.joining(", ")));
            }
            ids.add(id);
        }
        return ids;
    }
}
