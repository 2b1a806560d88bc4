package dev.flotilla.verify;

/** How a check ended. */
public enum CheckStatus {
    PASSED,
    FAILED,
    /** Not applicable here (nothing configured, nothing to compare with); says why in its message. */
    SKIPPED;

    public String word() {
        return name().toLowerCase();
    }
}
