package dev.flotilla.plan;

import dev.flotilla.ErrorCode;
import java.util.Objects;

/**
 * A finding that blocks a run on a target, kept as a value so all of them can be reported together.
 *
 * @param migration the version (or script, for repeatables) concerned, or null
 * @param check the id of the check that failed ({@code CHECK_FAILED}: {@code fk-orphans}, {@code unique-keys}...), or null
 */
public record Problem(ErrorCode code, String message, String migration, String check) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** A finding that is not a check's. */
    public Problem(ErrorCode code, String message, String migration) {
        this(code, message, migration, null);
    }
}
