package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Polls a non-blocking lock attempt until it succeeds or the wait runs out, backing off up to 200 ms. */
final class LockWait {
    /** A digest per thread, reused: looking SHA-256 up by name took longer than hashing a lock's key with it. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    @FunctionalInterface
    interface Attempt {
        boolean tryOnce() throws SQLException;
    }

    private LockWait() {
    }

    static void await(Attempt attempt, Duration wait, String targetName) throws SQLException {
        await(attempt, wait, targetName, () -> "");
    }

    /** @param holder who holds the lock, a sentence added to the timeout's message (asked only then) */
    static void await(Attempt attempt, Duration wait, String targetName, java.util.function.Supplier<String> holder)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        long pauseMillis = 10;
        while (!attempt.tryOnce()) {
            if (System.nanoTime() >= deadline) {
                throw timeout(wait, targetName, holder.get());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Interrupted while waiting for the lock on " + targetName, e);
            }
            pauseMillis = Math.min(200, pauseMillis * 2);
        }
    }

    static FlotillaException timeout(Duration wait, String targetName) {
        return timeout(wait, targetName, "");
    }

    /** @param holder a sentence saying who holds the lock, or empty */
    static FlotillaException timeout(Duration wait, String targetName, String holder) {
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Could not lock " + targetName + " within "
                + wait.toMillis() + " ms: another Flotilla run is migrating it. Wait for it to finish, or raise --lock-wait"
                + " (deploy.lockWait in flotilla.yml for the fleet)." + holder);
    }

    /** The first 8 bytes of SHA-256 of {@code key}, as a lock id. */
    static long hash64(String key) {
        byte[] digest = sha256(key);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }

    static String hashHex(String key, int length) {
        return HexFormat.of().formatHex(sha256(key)).substring(0, length);
    }

    private static byte[] sha256(String key) {
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }
}
