package dev.flotilla.control;

import java.util.Locale;

/**
 * Where a deployment stands. INTERRUPTED: recorded as running, but the process running it is gone. STOPPED: a stop was
 * asked for while it ran, and it ended with tenants not started (a resume continues it).
 */
public enum DeploymentStatus {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED, STOPPED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeploymentStatus parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
