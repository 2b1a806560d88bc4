package dev.flotilla;

import dev.flotilla.plan.Advice;
import java.util.Objects;

/**
 * The one root of Flotilla's exceptions. The message says what failed, where, and what to do next;
 * it never carries a password. Subclasses add the details of where. One built from an {@link Advice} keeps the commands
 * it tells to run as values, so they are written for a fleet tenant where it is printed for one.
 */
public class FlotillaException extends RuntimeException {
    private final ErrorCode code;
    private final Advice advice;

    public FlotillaException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.advice = null;
    }

    /** The failure {@code advice} tells of, its message the advice's text for one target. */
    public FlotillaException(ErrorCode code, Advice advice) {
        super(advice.text());
        this.code = Objects.requireNonNull(code, "code");
        this.advice = advice;
    }

    /** As above, caused by {@code cause}. */
    public FlotillaException(ErrorCode code, Advice advice, Throwable cause) {
        super(advice.text(), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.advice = advice;
    }

    public FlotillaException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.advice = null;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * This failure with {@code scrub} applied to what it says (a target's {@code scrub}: a driver's or client program's
     * words in it may quote a secret) and to its causes and suppressed ones ({@link MaskedThrowable}: of their types, with
     * their stacks); itself when that changes nothing, so a subclass keeps its details. The masked one keeps this one's
     * stack, not this one's unmasked message nor a cause quoting what it masks.
     */
    public FlotillaException masked(java.util.function.UnaryOperator<String> scrub) {
        return masked(scrub, cause -> MaskedThrowable.of(cause, scrub));
    }

    /** As above, {@code others} masking its causes and suppressed ones (a chain followed only so deep: MaskedThrowable's). */
    FlotillaException masked(java.util.function.UnaryOperator<String> scrub, java.util.function.UnaryOperator<Throwable> others) {
        Advice said = advice();
        Advice masked = said.masked(scrub);
        Throwable cause = getCause() == null ? null : others.apply(getCause());
        Throwable[] suppressed = getSuppressed();
        boolean same = masked.equals(said) && cause == getCause();
        for (int i = 0; i < suppressed.length; i++) {
            Throwable one = others.apply(suppressed[i]);
            same &= one == suppressed[i];
            suppressed[i] = one;
        }
        if (same) {
            return this;
        }
        FlotillaException failure = new FlotillaException(code, masked, cause);
        failure.setStackTrace(getStackTrace());
        for (Throwable one : suppressed) {
            failure.addSuppressed(one);
        }
        return failure;
    }

    /**
     * What it says, with the commands it names as values where it was built from an {@link Advice} (or is one whose
     * command {@link Advice#ofFailure} knows); else as text.
     */
    public Advice advice() {
        return advice != null ? advice : Advice.ofFailure(this);
    }
}
