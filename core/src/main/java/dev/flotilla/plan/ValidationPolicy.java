package dev.flotilla.plan;

/**
 * Which findings a user has chosen to let through. Failed migrations can never be let through: they need
 * {@code repair} or {@code rollback}.
 */
public record ValidationPolicy(boolean allowChecksumMismatch, boolean allowMissingFiles, boolean allowOutOfOrder) {
    public static final ValidationPolicy STRICT = new ValidationPolicy(false, false, false);

    /** This policy, letting pending migrations older than the newest applied one through as well when {@code allowed}. */
    public ValidationPolicy withOutOfOrder(boolean allowed) {
        return new ValidationPolicy(allowChecksumMismatch, allowMissingFiles, allowOutOfOrder || allowed);
    }
}
