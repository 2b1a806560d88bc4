package dev.flotilla.lint;

/** How much a lint finding matters. None of them stops a run; {@code flotilla lint} exits 1 on any WARNING. */
public enum LintSeverity {
    /** Worth knowing; nothing to fix. */
    INFO,
    /** Likely to hurt in production: data loss, long locks, slow queries. */
    WARNING
}
