package dev.flotilla.control;

import java.util.Locale;

/** Where a deployment stands. INTERRUPTED: recorded as running, but the process running it is gone. */
public enum DeploymentStatus {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeploymentStatus parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
