package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} placeholders in migration scripts. {@code ${tenant}} and {@code ${schema}} always have a
 * value; others come from options or configuration. Checksums are taken before replacement, so one file
 * has one checksum on every tenant.
 */
public final class Placeholders {
    public static final Set<String> BUILT_IN = Set.of("tenant", "schema");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.:-]*)}");

    /** One use of a placeholder, with its 1-based line. */
    public record Use(String name, int line) {
    }

    private Placeholders() {
    }

    public static List<Use> find(String sql) {
        List<Use> uses = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(sql);
        int line = 1;
        int scanned = 0;
        while (matcher.find()) {
            line += countNewlines(sql, scanned, matcher.start());
            scanned = matcher.start();
            uses.add(new Use(matcher.group(1), line));
        }
        return uses;
    }

    /** Replaces every placeholder; one without a value is an error naming it and its line. */
    public static String replace(String sql, Map<String, String> values) {
        if (!sql.contains("${")) {
            // Nothing the pattern could match: the text as it is, without two regex passes over it for every tenant.
            return sql;
        }
        for (Use use : find(sql)) {
            if (!values.containsKey(use.name())) {
                throw new FlotillaException(ErrorCode.UNKNOWN_PLACEHOLDER, "Unknown placeholder ${" + use.name() + "} at line "
                        + use.line() + "; define it with --placeholder " + use.name() + "=VALUE (fleet commands: under placeholders: in flotilla.yml)");
            }
        }
        return PLACEHOLDER.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }

    private static int countNewlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
