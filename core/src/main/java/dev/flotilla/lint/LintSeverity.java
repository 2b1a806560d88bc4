package dev.flotilla.lint;

/**
 * How much a lint finding matters. None of them stops a run; {@code flotilla lint} exits 1 on any WARNING or ERROR.
 */
public enum LintSeverity {
    /** Worth knowing; nothing to fix. */
    INFO,
    /** Likely to hurt in production: data loss, long locks, slow queries. */
    WARNING,
    /** Fails: the dialect cannot run the statement. */
    ERROR;

    /** True for a WARNING or an ERROR: a finding to fix, as opposed to a note. */
    public boolean warns() {
        return this != INFO;
    }
}
