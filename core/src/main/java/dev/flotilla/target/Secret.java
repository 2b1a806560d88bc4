package dev.flotilla.target;

import java.util.Objects;

/**
 * A password held in memory only. Its {@code toString} never shows it, and {@link #scrub} masks it in any
 * text that might have picked it up (a driver's error message, an echoed URL).
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The password itself, for the JDBC driver only. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the secret replaced by {@code ****}. */
    public String scrub(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "****";
    }
}
