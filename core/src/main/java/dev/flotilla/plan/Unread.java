package dev.flotilla.plan;

import dev.flotilla.ErrorCode;

/**
 * How plan, status --fleet --live, drift and verify name a tenant they could not read, by what stopped the read: "locked"
 * when another session holds it (LOCK_TIMEOUT), "refused" when its server refused its login (AUTHENTICATION_FAILED:
 * reached, and readable again once its login is fixed, not the network); each command's own word otherwise.
 */
public final class Unread {
    private Unread() {
    }

    /** The word for a read stopped by {@code code}; {@code otherwise} for any other code (or none). */
    public static String word(ErrorCode code, String otherwise) {
        return code == ErrorCode.LOCK_TIMEOUT ? "locked" : code == ErrorCode.AUTHENTICATION_FAILED ? "refused" : otherwise;
    }
}
