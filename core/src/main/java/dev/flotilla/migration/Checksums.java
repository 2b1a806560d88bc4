package dev.flotilla.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checksums of migration scripts, blind to a UTF-8 BOM and to CRLF versus LF line endings. */
public final class Checksums {
    private Checksums() {
    }

    /** Lower-case hex SHA-256 of the normalised content. */
    public static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalize(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The content without a leading BOM and with CRLF and lone CR folded to LF. */
    static String normalize(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
