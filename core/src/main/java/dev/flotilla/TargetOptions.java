package dev.flotilla;

import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything a run on one target needs. Immutable.
 *
 * @param migrations the (first) folder of migration files; null when the caller loads migrations itself
 * @param tenant the value of {@code ${tenant}}; null to use the schema name
 * @param lockWait how long to wait for another runner's target lock
 * @param lockTimeout the session's lock timeout for each statement (PostgreSQL lock_timeout,
 *     MariaDB lock_wait_timeout); null leaves the server's setting
 * @param statementTimeout the session's statement timeout; null leaves the server's setting
 * @param installedBy recorded in the history table
 * @param folders every folder of migration files ({@code migrations} first), test-only ones among them; null when
 *     {@code migrations} is
 * @param secretPlaceholders placeholders holding a secret besides those whose name says so (see
 *     {@link dev.flotilla.target.SecretPlaceholders}): their values are masked in every message
 */
public record TargetOptions(TargetSpec target, Path migrations, Map<String, String> placeholders, String tenant,
                            Duration lockWait, Duration lockTimeout, Duration statementTimeout,
                            ValidationPolicy policy, String installedBy, MigrationFolders folders,
                            Set<String> secretPlaceholders) {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(10);

    public TargetOptions {
        folders = folders != null ? folders : migrations == null ? null : MigrationFolders.of(migrations);
        migrations = folders == null ? null : folders.first();
        placeholders = Map.copyOf(placeholders);
        secretPlaceholders = secretPlaceholders == null ? Set.of() : Set.copyOf(secretPlaceholders);
        lockWait = lockWait == null ? DEFAULT_LOCK_WAIT : lockWait;
        policy = policy == null ? ValidationPolicy.STRICT : policy;
        installedBy = installedBy == null ? System.getProperty("user.name", "flotilla") : installedBy;
        requirePositive(lockWait, "lock wait");
        requirePositive(lockTimeout, "lock timeout");
        requirePositive(statementTimeout, "statement timeout");
    }

    /** Options of one folder of migrations ({@code migrations}). */
    public TargetOptions(TargetSpec target, Path migrations, Map<String, String> placeholders, String tenant,
                         Duration lockWait, Duration lockTimeout, Duration statementTimeout, ValidationPolicy policy,
                         String installedBy) {
        this(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout, policy, installedBy, null, Set.of());
    }

    /** Options without placeholders held secret by a list (those named like a secret still are). */
    public TargetOptions(TargetSpec target, Path migrations, Map<String, String> placeholders, String tenant,
                         Duration lockWait, Duration lockTimeout, Duration statementTimeout, ValidationPolicy policy,
                         String installedBy, MigrationFolders folders) {
        this(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout, policy, installedBy, folders,
                Set.of());
    }

    /** The same options reading the migrations of {@code folders}. */
    public TargetOptions withFolders(MigrationFolders folders) {
        return new TargetOptions(target, folders.first(), placeholders, tenant, lockWait, lockTimeout, statementTimeout,
                policy, installedBy, folders, secretPlaceholders);
    }

    /** Options with the defaults: strict validation, default timeouts, no placeholders. */
    public static TargetOptions of(TargetSpec target, Path migrations) {
        return new TargetOptions(target, migrations, Map.of(), null, DEFAULT_LOCK_WAIT, DEFAULT_LOCK_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT, ValidationPolicy.STRICT, null);
    }

    public TargetOptions withPolicy(ValidationPolicy policy) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout,
                policy, installedBy, folders, secretPlaceholders);
    }

    public TargetOptions withPlaceholders(Map<String, String> placeholders) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout,
                policy, installedBy, folders, secretPlaceholders);
    }

    /** The same options for another target, with {@code ${tenant}} set to {@code tenant}. */
    public TargetOptions forTarget(TargetSpec target, String tenant) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout,
                policy, installedBy, folders, secretPlaceholders);
    }

    /** The same options recorded in the history table as run by {@code installedBy}. */
    public TargetOptions withInstalledBy(String installedBy) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout, policy,
                installedBy, folders, secretPlaceholders);
    }

    /** The same options with another per-statement lock timeout; null keeps this one. */
    public TargetOptions withLockTimeout(Duration lockTimeout) {
        return lockTimeout == null ? this : new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout,
                statementTimeout, policy, installedBy, folders, secretPlaceholders);
    }

    public TargetOptions withStatementTimeout(Duration statementTimeout) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout,
                policy, installedBy, folders, secretPlaceholders);
    }

    public TargetOptions withLockWait(Duration lockWait) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout,
                policy, installedBy, folders, secretPlaceholders);
    }

    /** The same options with the values of these placeholders masked too, besides those named like a secret. */
    public TargetOptions withSecretPlaceholders(Set<String> secretPlaceholders) {
        return new TargetOptions(target, migrations, placeholders, tenant, lockWait, lockTimeout, statementTimeout, policy,
                installedBy, folders, secretPlaceholders);
    }

    /**
     * The values of the placeholders that hold a secret (named like one, or in {@link #secretPlaceholders}), to be
     * masked wherever a password is: see {@link dev.flotilla.target.SecretPlaceholders}.
     */
    public java.util.List<dev.flotilla.target.Secret> secretPlaceholderValues() {
        return dev.flotilla.target.SecretPlaceholders.valuesIn(placeholders, secretPlaceholders);
    }

    /** As a record says itself, the secret placeholders' values masked: an application logging its options logs no secret. */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>();
        placeholders.forEach((name, value) -> shown.put(name, secretPlaceholders.contains(name)
                || dev.flotilla.target.SecretPlaceholders.namedLikeSecret(name) ? "****" : value));
        return "TargetOptions[target=" + target + ", migrations=" + migrations + ", placeholders=" + shown + ", tenant=" + tenant
                + ", lockWait=" + lockWait + ", lockTimeout=" + lockTimeout + ", statementTimeout=" + statementTimeout
                + ", policy=" + policy + ", installedBy=" + installedBy + ", folders=" + folders + ", secretPlaceholders="
                + secretPlaceholders + "]";
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The " + what + " must be positive, was " + duration);
        }
    }
}
