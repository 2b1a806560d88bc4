package dev.flotilla.control;

import java.util.Locale;

/**
 * Where one tenant's task in a deployment stands. INTERRUPTED is never stored: a task recorded as running in a
 * deployment whose process is gone (see {@link DeploymentStatus#INTERRUPTED}) is read as interrupted.
 */
public enum TaskStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TaskStatus parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
