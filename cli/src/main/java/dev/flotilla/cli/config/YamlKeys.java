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
    private final KeyLines lines;

    YamlKeys(String file, ConfigValues values, List<String> problems, List<String> warnings) {
        this(file, values, problems, warnings, KeyLines.of(""));
    }

    /** As above, each key's problem naming its line as {@code file:line} where {@code lines} knows it. */
    YamlKeys(String file, ConfigValues values, List<String> problems, List<String> warnings, KeyLines lines) {
        this.file = file;
        this.values = values;
        this.problems = problems;
        this.warnings = warnings;
        this.lines = lines;
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
                values.set(key.get(), value, () -> lines.where(file, path), problems);
            } else if (ConfigKey.isSection(path)) {
                if (value instanceof Map<?, ?> inner) {
                    section(path, inner);
                } else if (value != null) {
                    problems.add(lines.where(file, path) + ": " + path + " must be a section with keys " + ConfigKey.namesUnder(path));
                }
            } else if (String.valueOf(name).equalsIgnoreCase("password")) {
                String under = prefix.isEmpty() ? "tenancy" : prefix;
                problems.add(lines.where(file, path) + ": " + path + ": the password itself must not be in the configuration; name an"
                        + " environment variable with " + under + ".passwordEnv or a file with " + under + ".passwordFile.");
            } else {
                problems.add(lines.where(file, path) + ": unknown key " + path + suggestion(prefix, String.valueOf(name)) + "; allowed"
                        + (prefix.isEmpty() ? "" : " under " + prefix) + ": " + String.join(", ", ConfigKey.namesUnder(prefix)));
            }
        });
    }

    private static String suggestion(String prefix, String name) {
        return dev.flotilla.Suggestions.closest(name, ConfigKey.namesUnder(prefix), 2).map(known -> " (did you mean " + known + "?)")
                .orElse("");
    }
}
