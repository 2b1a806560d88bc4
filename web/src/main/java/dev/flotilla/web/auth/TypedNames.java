package dev.flotilla.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks user names no user has, for the audit log that every viewer reads: what was typed may be a password typed
 * into the User field. The mask keeps what spots brute force (how long the name was, and a tag equal for equal names:
 * one name tried again and again, or many names) without the name: the tag is an HMAC under a key made when the console
 * starts and never stored, so nobody can test guesses against it (a plain hash of a weak password could be). The same
 * name has the same tag until the console restarts. Thread-safe.
 */
final class TypedNames {
    private final byte[] key = new byte[32];

    TypedNames(SecureRandom random) {
        random.nextBytes(key);
    }

    /** E.g. {@code unknown user (7 chars, tag 3f9a01bc)}. */
    String masked(String name) {
        return "unknown user (" + name.codePointCount(0, name.length()) + " chars, tag " + tag(name) + ")";
    }

    private String tag(String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
