package dev.flotilla.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with the
 * parameters OWASP recommends. The parameters travel with the hash, so they can be raised later. Thread-safe.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** True when the password matches; a malformed stored hash matches nothing. Compares in constant time. */
    public boolean matches(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
            return false;
        }
        try {
            int memory = 0;
            int iterations = 0;
            int parallelism = 0;
            for (String setting : parts[3].split(",")) {
                int value = Integer.parseInt(setting.substring(2));
                switch (setting.charAt(0)) {
                    case 'm' -> memory = value;
                    case 't' -> iterations = value;
                    case 'p' -> parallelism = value;
                    default -> throw new IllegalArgumentException(setting);
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            return MessageDigest.isEqual(expected, derive(password, salt, memory, iterations, parallelism, expected.length));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism).build());
        byte[] out = new byte[length];
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = java.util.Arrays.copyOf(encoded.array(), encoded.limit());
        try {
            generator.generateBytes(bytes, out);
            return out;
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
            java.util.Arrays.fill(encoded.array(), (byte) 0);
        }
    }
}
