package dev.flotilla.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The checksum a home-grown history table kept of each file (seed 004's {@code schema_migrations.checksum}, a SHA-256),
 * told by its length in hex: SHA-256, SHA-1 or MD5 of the file's text. Adopting such a table compares it with the file as
 * it is now, as Flyway's CRC32 is compared, so that a file edited after it ran is said, not silently taken for what ran.
 */
final class RecordedDigest {
    private RecordedDigest() {
    }

    /** {@code value} as a recorded digest (lower-case hex), or null when it is none Flotilla knows (so not compared). */
    static String of(String value) {
        if (value == null) {
            return null;
        }
        String hex = value.strip().toLowerCase(Locale.ROOT);
        return algorithm(hex) != null && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? hex : null;
    }

    /** Whether {@code digest} (from {@link #of}) is the digest of {@code sql}, as written or with CRLF line ends. */
    static boolean matches(String digest, String sql) {
        String algorithm = algorithm(digest);
        return digest.equals(hex(algorithm, sql)) || digest.equals(hex(algorithm, sql.replace("\r\n", "\n")))
                || digest.equals(hex(algorithm, sql.replace("\r\n", "\n").replace("\n", "\r\n")));
    }

    /** The algorithm's name as the tool's records spell it ("SHA-256"). */
    static String algorithm(String hex) {
        return switch (hex.length()) {
            case 64 -> "SHA-256";
            case 40 -> "SHA-1";
            case 32 -> "MD5";
            default -> null;
        };
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
