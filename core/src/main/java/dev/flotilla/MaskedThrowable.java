package dev.flotilla;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A throwable with {@code scrub} applied to its message and its causes' and suppressed ones', of its own type where
 * that type can be made with a message (else an {@link Error} or {@link RuntimeException} saying which type it was; a
 * driver's {@link SQLException} a {@code java.sql.SQLException}, its SQLSTATE and vendor code kept), with its stack: what
 * an application printing it, or a thread that dies of it, tells is then masked as Flotilla's messages are. A
 * {@link FlotillaException} is masked by {@link FlotillaException#masked}. Stateless.
 */
public final class MaskedThrowable {
    /** How deep a cause chain is followed: a longer one is cut there (its rest left out). */
    private static final int DEEPEST = 16;

    private MaskedThrowable() {
    }

    /** {@code e} masked; {@code e} itself when masking changes nothing. */
    public static Throwable of(Throwable e, UnaryOperator<String> scrub) {
        return of(e, scrub, 0);
    }

    /** {@code e}, a runtime exception or an error, masked: rethrown without a checked exception's declaration. */
    public static RuntimeException rethrown(Throwable e, UnaryOperator<String> scrub) {
        Throwable masked = of(e, scrub);
        if (masked instanceof Error error) {
            throw error;
        }
        return masked instanceof RuntimeException runtime ? runtime : new RuntimeException(masked);
    }

    private static Throwable of(Throwable e, UnaryOperator<String> scrub, int depth) {
        if (e instanceof FlotillaException f) {
            return depth >= DEEPEST ? f : f.masked(scrub, deeper -> of(deeper, scrub, depth + 1));
        }
        String message = e.getMessage();
        String masked = message == null ? null : scrub.apply(message);
        Throwable cause = e.getCause() == null || depth >= DEEPEST ? null : of(e.getCause(), scrub, depth + 1);
        Throwable[] suppressed = e.getSuppressed();
        Throwable[] maskedSuppressed = new Throwable[suppressed.length];
        boolean same = Objects.equals(message, masked) && cause == e.getCause();
        for (int i = 0; i < suppressed.length; i++) {
            maskedSuppressed[i] = depth >= DEEPEST ? suppressed[i] : of(suppressed[i], scrub, depth + 1);
            same &= maskedSuppressed[i] == suppressed[i];
        }
        SQLException next = e instanceof SQLException sql && sql.getNextException() != null && depth < DEEPEST
                ? (SQLException) of(sql.getNextException(), scrub, depth + 1) : null;
        same &= next == null || next == ((SQLException) e).getNextException();
        if (same) {
            return e;
        }
        Throwable copy = e instanceof SQLException sql ? sameSqlType(sql, masked, cause) : sameType(e, masked, cause);
        copy.setStackTrace(e.getStackTrace());
        for (Throwable s : maskedSuppressed) {
            copy.addSuppressed(s);
        }
        if (next != null) {
            ((SQLException) copy).setNextException(next);
        }
        return copy;
    }

    private static Throwable sameType(Throwable e, String message, Throwable cause) {
        try {
            return e.getClass().getConstructor(String.class, Throwable.class).newInstance(message, cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError withCause) {
            try {
                Throwable copy = e.getClass().getConstructor(String.class).newInstance(message);
                return cause == null ? copy : copy.initCause(cause);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError withMessage) {
                String said = e.getClass().getName() + (message == null ? "" : ": " + message);
                return e instanceof Error ? new Error(said, cause) : new RuntimeException(said, cause);
            }
        }
    }

    /**
     * A driver's exception as one of its type where that type is made as {@code java.sql}'s are, else as a
     * {@code java.sql.SQLException}: either way with its SQLSTATE and vendor code, which the engine reads (a database that
     * does not exist, a connection that timed out), and its message as it was, masked.
     */
    private static SQLException sameSqlType(SQLException e, String message, Throwable cause) {
        try {
            return e.getClass().getConstructor(String.class, String.class, int.class, Throwable.class)
                    .newInstance(message, e.getSQLState(), e.getErrorCode(), cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notOfItsType) {
            return new SQLException(message, e.getSQLState(), e.getErrorCode(), cause);
        }
    }
}
