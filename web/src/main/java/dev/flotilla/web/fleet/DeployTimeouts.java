package dev.flotilla.web.fleet;

import dev.flotilla.Durations;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import java.time.Duration;

/**
 * A deploy's lock and statement timeouts, as the command line's {@code --lock-timeout} and {@code --statement-timeout}
 * give them: each null keeps {@code deploy.lockTimeout} / {@code deploy.statementTimeout}.
 */
public record DeployTimeouts(Duration lock, Duration statement) {
    /** The configured timeouts. */
    public static final DeployTimeouts CONFIGURED = new DeployTimeouts(null, null);

    public DeployTimeouts {
        requirePositive(lock, "lock timeout");
        requirePositive(statement, "statement timeout");
    }

    /**
     * Reads them as the command line does ({@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, ISO-8601); a blank or
     * missing one keeps the configured timeout.
     *
     * @param lockField the name the request gives the lock timeout, named when it is refused
     * @throws FlotillaException BAD_USAGE naming the field and the accepted forms
     */
    public static DeployTimeouts parse(String lock, String lockField, String statement, String statementField) {
        return new DeployTimeouts(parse(lock, lockField), parse(statement, statementField));
    }

    private static Duration parse(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration duration = Durations.parse(text);
            requirePositive(duration, field);
            return duration;
        } catch (IllegalArgumentException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, field + ": " + e.getMessage() + ".");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, what + " must be positive, was " + duration + ".");
        }
    }

    /** {@code options} with these timeouts where given. */
    TargetOptions over(TargetOptions options) {
        TargetOptions withLock = lock == null ? options : options.withLockTimeout(lock);
        return statement == null ? withLock : withLock.withStatementTimeout(statement);
    }

    /** For the audit log: "; lock timeout 2s; statement timeout 1h", or "" when both are the configured ones. */
    String note() {
        return (lock == null ? "" : "; lock timeout " + Durations.said(lock))
                + (statement == null ? "" : "; statement timeout " + Durations.said(statement));
    }
}
