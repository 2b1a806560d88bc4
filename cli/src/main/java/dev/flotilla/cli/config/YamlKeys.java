package dev.flotilla.cli.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Walks a parsed flotilla.yml, setting known keys and reporting unknown ones with a suggestion. */
final class YamlKeys {
    private final String file;
    private final ConfigValues values;
    private final List<String> problems;
    private final List<String> warnings;

    YamlKeys(String file, ConfigValues values, List<String> problems, List<String> warnings) {
        this.file = file;
        this.values = values;
        this.problems = problems;
        this.warnings = warnings;
    }

    void read(Object document) {
        if (document == null) {
            return;
        }
        if (!(document instanceof Map<?, ?> root)) {
            problems.add(file + ": must be a mapping of keys (migrations:, tenancy:, deploy:, ...), not a "
                    + document.getClass().getSimpleName());
            return;
        }
        section("", root);
    }

    private void section(String prefix, Map<?, ?> map) {
        map.forEach((name, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name;
            Optional<ConfigKey> key = ConfigKey.byPath(path);
            if (key.isPresent()) {
                values.set(key.get(), value, file, problems);
            } else if (ConfigKey.isSection(path)) {
                if (value instanceof Map<?, ?> inner) {
                    section(path, inner);
                } else if (value != null) {
                    problems.add(file + ": " + path + " must be a section with keys " + ConfigKey.namesUnder(path));
                }
            } else if (String.valueOf(name).equalsIgnoreCase("password")) {
                String under = prefix.isEmpty() ? "tenancy" : prefix;
                problems.add(file + ": " + path + ": the password itself must not be in the configuration; name an"
                        + " environment variable with " + under + ".passwordEnv or a file with " + under + ".passwordFile.");
            } else {
                problems.add(file + ": unknown key " + path + suggestion(prefix, String.valueOf(name)) + "; allowed"
                        + (prefix.isEmpty() ? "" : " under " + prefix) + ": " + String.join(", ", ConfigKey.namesUnder(prefix)));
            }
        });
    }

    private static String suggestion(String prefix, String name) {
        return ConfigKey.namesUnder(prefix).stream().filter(known -> distance(known.toLowerCase(), name.toLowerCase()) <= 2)
                .findFirst().map(known -> " (did you mean " + known + "?)").orElse("");
    }

    /** The edit distance of two names, for "did you mean". */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
