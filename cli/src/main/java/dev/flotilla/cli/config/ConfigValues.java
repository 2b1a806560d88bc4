package dev.flotilla.cli.config;

import dev.flotilla.Durations;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of every key, starting from the defaults; {@link #set} converts and checks a raw value. Keys a flag
 * sets are left at their defaults: the flag's value replaces whatever the file or environment say, so a bad one
 * there is no problem.
 */
final class ConfigValues {
    private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    private final java.util.Set<ConfigKey> setByFlags;
    /** The keys holding a JDBC URL, where a password must not be written either. */
    private static final java.util.Set<ConfigKey> URLS = java.util.EnumSet.of(ConfigKey.CONTROL_PLANE_URL,
            ConfigKey.TENANCY_URL, ConfigKey.TENANCY_URL_TEMPLATE);

    /**
     * A shell-style reference ({@code ${DB_HOST}}), left as written: in a URL, a name or a path it is a mistake (hooks
     * alone replace {@code ${tenant}} and {@code ${deployment}}).
     */
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\$\\{([^}]*)}");

    ConfigValues() {
        this(java.util.Set.of());
    }

    ConfigValues(java.util.Set<ConfigKey> setByFlags) {
        this.setByFlags = java.util.Set.copyOf(setByFlags);
        for (ConfigKey key : ConfigKey.values()) {
            if (key.defaultValue != null) {
                values.put(key, key.defaultValue);
            }
        }
    }

    /**
     * Sets {@code key} from a YAML or environment value, or adds a problem naming {@code where} (file or variable).
     */
    void set(ConfigKey key, Object raw, String where, List<String> problems) {
        set(key, raw, () -> where, problems);
    }

    /** As above, {@code where} made only for a problem (a key's line in the file is read then). */
    void set(ConfigKey key, Object raw, java.util.function.Supplier<String> where, List<String> problems) {
        if (setByFlags.contains(key)) {
            return;
        }
        if (URLS.contains(key) && raw instanceof String url && !dev.flotilla.sql.JdbcUrls.secretsIn(url).isEmpty()) {
            // Refused, not masked: flotilla.yml is usually committed, and the variable's value is in the environment.
            String section = key.path.substring(0, key.path.indexOf('.'));
            problems.add(where.get() + ": " + key.path + " carries a password (" + dev.flotilla.sql.JdbcUrls.redact(url) + ");"
                    + " passwords are never written in the configuration: remove it from the URL and name an environment"
                    + " variable with " + section + ".passwordEnv or a file with " + section + ".passwordFile.");
            return;
        }
        java.util.regex.Matcher reference = REFERENCE.matcher(key.path.startsWith("hooks.") ? "" : key.kind == ConfigKey.Kind.TEXT
                && raw instanceof String text ? text : key == ConfigKey.MIGRATIONS || key == ConfigKey.TEST_MIGRATIONS
                ? String.valueOf(raw) : "");
        if (reference.find()) {
            problems.add(where.get() + ": " + key.path + " has " + reference.group() + ", but flotilla.yml does not expand environment"
                    + " variables: " + (reference.group(1).equals("tenant") ? "write {tenant}, without $, for the tenant's id."
                    : "write the value itself, or set the whole setting in the environment as " + key.variable()
                    + " (it overrides the file)."));
            return;
        }
        try {
            values.put(key, convert(key, raw));
        } catch (IllegalArgumentException e) {
            problems.add(where.get() + ": " + key.path + " " + e.getMessage());
        }
    }

    /** Forgets a key's value (back to no value), for a setting a higher layer replaced with its alternative. */
    void clear(ConfigKey key) {
        values.remove(key);
    }

    boolean has(ConfigKey key) {
        return values.get(key) != null;
    }

    String text(ConfigKey key) {
        return (String) values.get(key);
    }

    int count(ConfigKey key) {
        return (Integer) values.get(key);
    }

    Duration duration(ConfigKey key) {
        return (Duration) values.get(key);
    }

    boolean bool(ConfigKey key) {
        return (Boolean) values.get(key);
    }

    /** A value kept as YAML gave it (sections read by their own parser). */
    Object raw(ConfigKey key) {
        return values.get(key);
    }

    @SuppressWarnings("unchecked")
    List<String> list(ConfigKey key) {
        return (List<String>) values.get(key);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> map(ConfigKey key) {
        return (Map<String, String>) values.get(key);
    }

    /** The placeholders as written: each value a String, or a {@link PlaceholderSource} to read from the environment. */
    @SuppressWarnings("unchecked")
    Map<String, Object> placeholdersAsWritten() {
        return (Map<String, Object>) values.get(ConfigKey.PLACEHOLDERS);
    }

    /** Replaces the placeholders' values ({@link PlaceholderSource#resolve}). */
    void placeholders(Map<String, String> resolved) {
        values.put(ConfigKey.PLACEHOLDERS, resolved);
    }

    private static Object convert(ConfigKey key, Object raw) {
        if (raw == null) {
            return key.defaultValue;
        }
        ConfigKey.Kind kind = key.kind;
        if (kind == ConfigKey.Kind.ANY) {
            return raw;
        }
        if (kind == ConfigKey.Kind.MAP) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("must be a mapping of names to values, e.g. { app_role: app }");
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            // A placeholder's value may be read from the environment: { env: NAME } (see PlaceholderSource).
            map.forEach((name, value) -> entries.put(String.valueOf(name), key == ConfigKey.PLACEHOLDERS
                    && value instanceof Map<?, ?> source ? PlaceholderSource.of(String.valueOf(name), source) : scalar(value, "each value")));
            return entries;
        }
        if (kind == ConfigKey.Kind.LIST) {
            // A YAML list, or one value or a comma-separated line (as FLOTILLA_* variables give it).
            if (raw instanceof Map<?, ?>) {
                throw new IllegalArgumentException("must be a single value or a list, not a mapping");
            }
            List<?> items = raw instanceof List<?> list ? list : List.of(String.valueOf(raw).split(","));
            return items.stream().map(item -> scalar(item, "each item").strip()).filter(item -> !item.isEmpty()).toList();
        }
        String text = scalar(raw, "it");
        if (kind == ConfigKey.Kind.TEXT) {
            return text;
        }
        if (kind == ConfigKey.Kind.DURATION) {
            if (raw instanceof Number) {
                throw new IllegalArgumentException("needs a unit: write " + raw + "s, " + raw + "ms, " + raw + "m...");
            }
            java.time.Duration duration = Durations.parse(text);
            if (duration.isZero() && key == ConfigKey.DEPLOY_CONNECT_TIMEOUT) {
                return fail("must be above zero (how long connecting to a tenant's server may take), e.g. 10s");
            }
            return duration.isNegative() ? fail("must not be negative") : duration;
        }
        if (kind == ConfigKey.Kind.BOOLEAN) {
            return switch (text.toLowerCase()) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> fail("must be true or false, was '" + text + "'");
            };
        }
        return count(kind, text);
    }

    private static int count(ConfigKey.Kind kind, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= kind.min() && value <= kind.max()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        return fail("must be a whole number between " + kind.min() + " and " + kind.max() + ", was '" + text + "'");
    }

    private static String scalar(Object raw, String what) {
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
            throw new IllegalArgumentException("must be a single value, not a " + (raw instanceof Map<?, ?> ? "mapping" : "list")
                    + (what.equals("it") ? "" : " (" + what + ")"));
        }
        return String.valueOf(raw);
    }

    private static <T> T fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
