package dev.flotilla.web.auth;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a new API token works, chosen when it is made: a number of days ({@code 90d}), or {@code never}. A token that
 * never expires is the exception a user picks on purpose; the console's list marks it.
 *
 * @param days the days it works, or null for never
 */
public record TokenLifetime(Integer days) {
    /** The longest lifetime there is short of never: ten years. */
    public static final int MAX_DAYS = 3650;
    public static final TokenLifetime NEVER = new TokenLifetime(null);
    /** A new token's unless another is chosen: as long as a CI job's secret usually lives before someone rotates it. */
    public static final TokenLifetime DEFAULT = new TokenLifetime(90);
    /** The console form's choices, {@link #DEFAULT} among them. */
    public static final List<TokenLifetime> CHOICES = List.of(new TokenLifetime(7), new TokenLifetime(30), DEFAULT,
            new TokenLifetime(365), NEVER);
    private static final Pattern DAYS = Pattern.compile("([0-9]{1,5})d");

    public TokenLifetime {
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new IllegalArgumentException("days " + days + " is not within 1-" + MAX_DAYS);
        }
    }

    /**
     * A lifetime as typed ({@code 90d}, {@code never}); {@link #DEFAULT} for null or blank (a form or command that does not
     * say). Anything else is BAD_USAGE naming {@code where} it was given and what it takes.
     */
    public static TokenLifetime parse(String text, String where) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String typed = text.trim();
        if (typed.equalsIgnoreCase("never")) {
            return NEVER;
        }
        Matcher days = DAYS.matcher(typed);
        if (days.matches() && Integer.parseInt(days.group(1)) >= 1 && Integer.parseInt(days.group(1)) <= MAX_DAYS) {
            return new TokenLifetime(Integer.parseInt(days.group(1)));
        }
        throw new FlotillaException(ErrorCode.BAD_USAGE, where + " takes a number of days from 1 to " + MAX_DAYS
                + " followed by 'd' (90d, the default) or 'never'; '" + (typed.length() > 20 ? typed.substring(0, 20) + "..." : typed)
                + "' is neither.");
    }

    /** When a token made at {@code from} stops working; null for never. */
    public Instant expiry(Instant from) {
        return days == null ? null : from.plus(Duration.ofDays(days));
    }

    /** As typed: {@code 90d} or {@code never}. */
    public String word() {
        return days == null ? "never" : days + "d";
    }

    /** As a person reads it: "90 days", "1 year", "never expires". */
    public String words() {
        if (days == null) {
            return "never expires";
        }
        return days == 365 ? "1 year" : days == 1 ? "1 day" : days + " days";
    }

    /** A token's expiry as the audit log and the command line say it: "expires 2027-03-06 17:00:00 UTC", "never expires". */
    public static String expiryWords(Instant expiresAt) {
        return expiresAt == null ? "never expires" : "expires " + dev.flotilla.web.view.Format.time(expiresAt);
    }
}
