package dev.flotilla.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A placeholder whose value is read from the environment, written {@code db_password: { env: APP_DB_PASSWORD }} under
 * {@code placeholders:}, so that a secret a migration needs is not written in flotilla.yml (usually committed), as a
 * password is not. Its value is masked in all output when the variable's name says it holds a secret, as when the
 * placeholder's does (see {@link dev.flotilla.target.SecretPlaceholders}).
 */
record PlaceholderSource(String variable) {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The source {@code { env: NAME }} says; IllegalArgumentException (a problem naming the key) for any other mapping. */
    static PlaceholderSource of(String placeholder, Map<?, ?> written) {
        Object variable = written.get("env");
        if (written.size() != 1 || !(variable instanceof String name) || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("entry " + placeholder + " takes a value, or { env: VARIABLE } to read it from the"
                    + " environment (a variable's name: letters, digits and _)");
        }
        return new PlaceholderSource(name);
    }

    /**
     * {@code placeholders} with each value read from the environment put in; one whose variable is not set is left out
     * (see {@link FlotillaConfig#unsetPlaceholders}: only the commands that put values into migrations refuse it). Adds
     * to {@code secret} the placeholders read from a variable named like a secret.
     */
    static Map<String, String> resolve(Map<String, Object> placeholders, Map<String, String> environment, Set<String> secret) {
        Map<String, String> values = new LinkedHashMap<>();
        placeholders.forEach((name, value) -> {
            if (value instanceof PlaceholderSource source) {
                String read = environment.get(source.variable());
                if (read == null) {
                    return;
                }
                if (dev.flotilla.target.SecretPlaceholders.namedLikeSecret(source.variable())) {
                    secret.add(name);
                }
                values.put(name, read);
            } else {
                values.put(name, (String) value);
            }
        });
        return values;
    }

    /** The variable each placeholder read from the environment reads, by placeholder. */
    static Map<String, String> variables(Map<String, Object> placeholders) {
        Map<String, String> variables = new LinkedHashMap<>();
        placeholders.forEach((name, value) -> {
            if (value instanceof PlaceholderSource source) {
                variables.put(name, source.variable());
            }
        });
        return variables;
    }
}
