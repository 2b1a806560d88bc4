package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.VerifyOptions;
import java.time.Duration;
import java.util.List;

/**
 * How a deployment runs across tenants.
 *
 * @param concurrency tenants migrated at once
 * @param perServer tenants migrated at once on one database server
 * @param canary tenants migrated first, alone; the rest only when all of them succeed
 * @param canaryPercent instead of {@code canary}: this share of the tenants (rounded up), 0 for none
 * @param continueOnError keep scheduling tenants after a failure (by default in-flight ones finish, no new ones start)
 * @param retries extra attempts for transient failures (connection refused, lock timeout)
 * @param actor who runs it, for the audit log
 * @param verify the checks run on each tenant after its migrations; null runs none
 * @param backup where each tenant's target is backed up before its migrations; null takes no backup
 */
public record FleetOptions(int concurrency, int perServer, List<TenantId> canary, int canaryPercent,
                           boolean continueOnError, int retries, Duration retryBackoff, Hooks hooks, String actor,
                           VerifyOptions verify, BackupPolicy backup) {
    public FleetOptions {
        require(concurrency >= 1 && concurrency <= 256, "--concurrency must be between 1 and 256, was " + concurrency);
        require(perServer >= 1, "--per-server must be 1 or more, was " + perServer);
        require(canaryPercent >= 0 && canaryPercent <= 100, "--canary-percent must be between 0 and 100, was " + canaryPercent);
        require(canary.isEmpty() || canaryPercent == 0, "Give --canary or --canary-percent, not both");
        require(retries >= 0 && retries <= 10, "retries must be between 0 and 10, was " + retries);
        canary = List.copyOf(canary);
        retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
        hooks = hooks == null ? Hooks.NONE : hooks;
        actor = actor == null ? System.getProperty("user.name", "flotilla") : actor;
    }

    /** Options without verification. */
    public FleetOptions(int concurrency, int perServer, List<TenantId> canary, int canaryPercent, boolean continueOnError,
                        int retries, Duration retryBackoff, Hooks hooks, String actor) {
        this(concurrency, perServer, canary, canaryPercent, continueOnError, retries, retryBackoff, hooks, actor, null, null);
    }

    public FleetOptions withVerify(VerifyOptions verify) {
        return new FleetOptions(concurrency, perServer, canary, canaryPercent, continueOnError, retries, retryBackoff, hooks,
                actor, verify, backup);
    }

    /** These options, a failed tenant stopping the rest or not ({@code --continue-on-error}). */
    public FleetOptions withContinueOnError(boolean continueOnError) {
        return new FleetOptions(concurrency, perServer, canary, canaryPercent, continueOnError, retries, retryBackoff, hooks,
                actor, verify, backup);
    }

    public FleetOptions withActor(String actor) {
        return new FleetOptions(concurrency, perServer, canary, canaryPercent, continueOnError, retries, retryBackoff, hooks,
                actor, verify, backup);
    }

    public FleetOptions withHooks(Hooks hooks) {
        return new FleetOptions(concurrency, perServer, canary, canaryPercent, continueOnError, retries, retryBackoff, hooks,
                actor, verify, backup);
    }

    public FleetOptions withBackup(BackupPolicy backup) {
        return new FleetOptions(concurrency, perServer, canary, canaryPercent, continueOnError, retries, retryBackoff, hooks,
                actor, verify, backup);
    }

    public static FleetOptions defaults() {
        return new FleetOptions(8, 4, List.of(), 0, false, 2, Duration.ofMillis(500), Hooks.NONE, null);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, message);
        }
    }
}
