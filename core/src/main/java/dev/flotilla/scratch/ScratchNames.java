package dev.flotilla.scratch;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Names of scratch databases: recognisable by their prefix, unique, at most 32 characters on every dialect. */
final class ScratchNames {
    static final String PREFIX = "flotilla_dry_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScratchNames() {
    }

    static String next() {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return PREFIX + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "_" + HexFormat.of().formatHex(random);
    }

    /** The LIKE pattern that finds every scratch database, with {@code _} escaped by backslash. */
    static String likePattern() {
        return PREFIX.replace("_", "\\_") + "%";
    }
}
