package dev.flotilla.plan;

import dev.flotilla.ErrorCode;
import java.util.Objects;

/**
 * A finding that blocks a run on a target, kept as a value so all of them can be reported together.
 *
 * @param migration the version (or script, for repeatables) concerned, or null
 */
public record Problem(ErrorCode code, String message, String migration) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
