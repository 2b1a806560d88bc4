package dev.flotilla;

import java.util.Objects;

/**
 * The one root of Flotilla's exceptions. The message says what failed, where, and what to do next;
 * it never carries a password. Subclasses add the details of where.
 */
public class FlotillaException extends RuntimeException {
    private final ErrorCode code;

    public FlotillaException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FlotillaException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
