package dev.flotilla.control;

import java.util.Locale;

/** Where one tenant's task in a deployment stands. */
public enum TaskStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TaskStatus parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
