package dev.flotilla.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The checksum a home-grown history table kept of each file (seed 004's {@code schema_migrations.checksum}, a SHA-256),
 * told by its length in hex: SHA-256, SHA-1 or MD5 of the file's text (LF or CRLF line ends). Adopting such a table
 * compares it with the file as it is now, as Flyway's CRC32 is ({@link FlywayChecksum}): an adopted file that differed
 * from what the tool ran is recorded with the tool's digest ({@code sha256:...}, the first 56 hex digits of a SHA-256 so
 * that it fits the history's 64 characters), shows as edited, and matches again once the file is what the tool ran.
 */
public final class FileDigest {
    private static final int SHA256_KEPT = 56;

    private FileDigest() {
    }

    /** {@code value} as a digest a tool recorded (lower-case hex), or null when it is none Flotilla knows (not compared). */
    public static String parse(String value) {
        if (value == null) {
            return null;
        }
        String hex = value.strip().toLowerCase(Locale.ROOT);
        return algorithm(hex) != null && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? hex : null;
    }

    /** Whether {@code digest} (from {@link #parse}) is the digest of {@code sql}, with LF or CRLF line ends. */
    public static boolean matchesDigest(String sql, String digest) {
        return anyLineEnding(sql, algorithm(digest), digest::equals);
    }

    /** The algorithm's name ("SHA-256") of a digest from {@link #parse}. */
    public static String algorithm(String digest) {
        return switch (digest.length()) {
            case 64 -> "SHA-256";
            case 40 -> "SHA-1";
            case 32 -> "MD5";
            default -> null;
        };
    }

    /** How a history records {@code digest}: {@code sha256:} and its first 56 digits, {@code sha1:...}, {@code md5:...}. */
    public static String recorded(String digest) {
        return switch (algorithm(digest)) {
            case "SHA-256" -> "sha256:" + digest.substring(0, SHA256_KEPT);
            case "SHA-1" -> "sha1:" + digest;
            default -> "md5:" + digest;
        };
    }

    /** Whether {@code recorded} is a tool's digest as {@link #recorded} writes it, and {@code sql}'s is that one. */
    static boolean matches(String sql, String recorded) {
        String algorithm = recordedAlgorithm(recorded);
        if (algorithm == null) {
            return false;
        }
        String kept = recorded.substring(recorded.indexOf(':') + 1);
        return !kept.isEmpty() && anyLineEnding(sql, algorithm, hex -> hex.startsWith(kept));
    }

    /** Whether {@code sql}'s digest, as written or with LF or CRLF line ends, is one {@code wanted} takes. */
    private static boolean anyLineEnding(String sql, String algorithm, java.util.function.Predicate<String> wanted) {
        String lf = sql.replace("\r\n", "\n");
        return wanted.test(hex(algorithm, sql)) || wanted.test(hex(algorithm, lf))
                || wanted.test(hex(algorithm, lf.replace("\n", "\r\n")));
    }

    /** {@code sql}'s digest recorded as {@code recorded}'s was ({@code sha256:...}): what the file's is now, to show beside it. */
    public static String recordedNow(String sql, String recorded) {
        String algorithm = recordedAlgorithm(recorded);
        return algorithm == null ? null : recorded(hex(algorithm, sql));
    }

    /** The algorithm of a digest as {@link #recorded} writes it, or null when {@code recorded} is none. */
    public static String recordedAlgorithm(String recorded) {
        if (recorded == null) {
            return null;
        }
        if (recorded.startsWith("sha256:")) {
            return "SHA-256";
        }
        if (recorded.startsWith("sha1:")) {
            return "SHA-1";
        }
        return recorded.startsWith("md5:") ? "MD5" : null;
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
