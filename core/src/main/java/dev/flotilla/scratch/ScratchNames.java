package dev.flotilla.scratch;

import dev.flotilla.control.Runner;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of scratch databases and schemas: recognisable by their prefix, unique, at most 50 characters, and naming
 * their owner, the process that made them ({@code flotilla_dry_<time>_<random>_p<pid>_<place>}, {@link Runner#place()}),
 * so that a cleanup in another process can tell a dead owner's scratch from a live one's. Where the place is unknown
 * (not Linux) the name ends after the random part, as names made by Flotilla before owners were named do.
 */
final class ScratchNames {
    static final String PREFIX = "flotilla_dry_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final Pattern OWNED = Pattern.compile("^" + PREFIX + "(\\d{12})_[0-9a-f]{6}_p(\\d+)_([0-9a-f]{8})$");
    /**
     * Every name Flotilla has made: with an owner, or without (not Linux, or before owners were named). A user's own
     * database or schema that merely starts with the prefix ({@code flotilla_dry_archive}) is not one.
     */
    private static final Pattern MADE = Pattern.compile(PREFIX + "\\d{12}_[0-9a-f]{6}(?:_p\\d+_[0-9a-f]{8})?");
    /** A made name inside a URL or a path, after no letter or digit (a temporary file's random digits may follow it). */
    private static final Pattern MADE_WITHIN = Pattern.compile("(?<![\\p{L}\\p{N}_])" + MADE.pattern());
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScratchNames() {
    }

    /** Who made a scratch, and when (to the second): the process {@code pid} at {@code place}. */
    record Owner(long pid, String place, Instant made) {
        /** Whether this process made it. */
        boolean isThisProcess() {
            return pid == ProcessHandle.current().pid() && place.equals(Runner.place());
        }

        /** Whether its process is known here to be gone (killed, ended); false when it runs, or runs elsewhere. */
        boolean isGone() {
            // A second of slack: the name's time is cut to the second.
            return Runner.goneHere(place, pid, made.plusSeconds(1));
        }

        /** Whether its process can be looked at from here: this machine and pid namespace. */
        boolean isHere() {
            return place.equals(Runner.place());
        }
    }

    static String next() {
        return named(ProcessHandle.current().pid(), Runner.place(), Instant.now());
    }

    /** A name owned by process {@code pid} at {@code place} (none when null), made at {@code made}. */
    static String named(long pid, String place, Instant made) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return PREFIX + STAMP.format(made.atOffset(ZoneOffset.UTC)) + "_" + HexFormat.of().formatHex(random)
                + (place == null ? "" : "_p" + pid + "_" + place);
    }

    /** The owner a scratch's name records; empty for a name without one (not Linux, or an older Flotilla's). */
    static Optional<Owner> ownerOf(String name) {
        Matcher matcher = OWNED.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Instant made = LocalDateTime.parse(matcher.group(1), STAMP).toInstant(ZoneOffset.UTC);
        return Optional.of(new Owner(Long.parseLong(matcher.group(2)), matcher.group(3), made));
    }

    /** Whether {@code name} is of the form Flotilla makes scratch names in. */
    static boolean isMade(String name) {
        return MADE.matcher(name).matches();
    }

    /** The names of Flotilla's form in {@code text} (a URL, a file path), each at a word's start; none for null. */
    static java.util.List<String> madeWithin(String text) {
        return text == null ? java.util.List.of() : MADE_WITHIN.matcher(text).results().map(MatchResult::group).toList();
    }

    /**
     * The LIKE pattern that finds every scratch database, with {@code _} escaped by backslash: it finds a user's database
     * named with the prefix too, which {@link #isMade} then tells apart.
     */
    static String likePattern() {
        return PREFIX.replace("_", "\\_") + "%";
    }
}
