package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.Objects;

/**
 * A password held in memory only. Its {@code toString} never shows it, and {@link #scrub} masks it in any
 * text that might have picked it up (a driver's error message, an echoed URL). An {@link #unavailable} one stands for a
 * password that could not be read (a tenant's variable not set): the connection that needs it fails with the reason,
 * and only that one, so the rest of a fleet goes on.
 */
public final class Secret {
    /** Shorter passwords are masked in text only where they stand apart, never a plain word or number: see {@link #scrub}. */
    public static final int SHORTEST_SCRUBBED = 4;
    /** What may stand beside a short password for it to stand apart: not {@code .}, {@code -}, {@code :} or {@code /}. */
    private static final String APART = "'\"`()[]{}<>=,;";

    private final String value;
    private final String source;
    /** Why there is no value: null when there is one. */
    private final String refusal;

    private Secret(String value, String source, String refusal) {
        this.value = refusal == null ? Objects.requireNonNull(value, "value") : null;
        this.source = source;
        this.refusal = refusal;
    }

    private Secret(String value, String source) {
        this(value, source, null);
    }

    /**
     * A password that could not be read: {@link #reveal} throws {@code BAD_CONFIG} with {@code refusal}, which says what is
     * missing and where (never a value).
     */
    public static Secret unavailable(String refusal) {
        return new Secret(null, null, Objects.requireNonNull(refusal, "refusal"));
    }

    /** Whether the password was read: false for an {@link #unavailable} one. */
    public boolean available() {
        return refusal == null;
    }

    /** Whether the password is {@code text} (false for an {@link #unavailable} one). */
    public boolean is(String text) {
        return value != null && value.equals(text);
    }

    public static Secret of(String value) {
        return new Secret(value, null);
    }

    /**
     * @param source where it was read, for messages (never the value): "the environment variable DB_PASSWORD
     *               (tenancy.passwordEnv)"
     */
    public static Secret of(String value, String source) {
        return new Secret(value, source);
    }

    /** Where the password was read, or null when not said. */
    public String source() {
        return source;
    }

    /** The password itself, for the JDBC driver and client programs only; BAD_CONFIG for an {@link #unavailable} one. */
    public String reveal() {
        if (refusal != null) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, refusal);
        }
        return value;
    }

    /**
     * Masks the password where it stands as a value of its own, not where its characters happen to be part of a longer
     * word: a password "postgres" masked inside "jdbc:postgresql" (as "jdbc:****ql") would tell every reader what it is.
     * At an edge where the password has a letter, digit or underscore, the text must have none beside it.
     * A password shorter than {@value #SHORTEST_SCRUBBED} characters is masked only where it stands apart, a whole token
     * between the text's ends, white space, quotes, brackets, {@code =}, {@code ,} or {@code ;} ("pw=a1,", "'x9!'"), not
     * joined to a name or number by {@code .}, {@code -}, {@code :} or {@code /} ("db.a1", "/srv/a1"); and not at all when it
     * is a plain word or number, letters only or digits only: "the" or "1" masked in every message ("Check **** user",
     * "**** tenant(s)") would break them and, by where the mask falls, tell it anyway. Flotilla never prints a password
     * itself, and the databases' errors do not quote one; what such a password leaves open is a client program or hook
     * that prints it.
     */
    public String scrub(String text) {
        if (text == null || value == null || value.isEmpty()) {
            return text;
        }
        boolean isShort = value.length() < SHORTEST_SCRUBBED;
        if (isShort && (value.chars().allMatch(Character::isLetter) || value.chars().allMatch(Character::isDigit))) {
            return text;
        }
        boolean wordStart = isWordChar(value.charAt(0));
        boolean wordEnd = isWordChar(value.charAt(value.length() - 1));
        StringBuilder scrubbed = null;
        int copied = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int end = at + value.length();
            boolean alone = isShort
                    ? (at == 0 || apart(text.charAt(at - 1))) && (end == text.length() || apart(text.charAt(end)))
                    : (!wordStart || at == 0 || !isWordChar(text.charAt(at - 1)))
                    && (!wordEnd || end == text.length() || !isWordChar(text.charAt(end)));
            if (alone && at >= copied) {
                scrubbed = scrubbed == null ? new StringBuilder(text.length()) : scrubbed;
                scrubbed.append(text, copied, at).append("****");
                copied = end;
            }
        }
        return scrubbed == null ? text : scrubbed.append(text, copied, text.length()).toString();
    }

    private static boolean apart(char c) {
        return Character.isWhitespace(c) || APART.indexOf(c) >= 0;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    @Override
    public String toString() {
        return "****";
    }
}
