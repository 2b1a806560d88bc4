package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.verify.VerifyOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How to dry-run.
 *
 * @param sampleRows rows per table copied into a clone (0: structure only); ignored in a transaction
 * @param lockTimeout how long a statement may wait for a lock on the target before the dry run reports it,
 *     kept short so that a dry run on a live tenant never queues behind application traffic
 * @param lint the lint rules' settings
 * @param verify the checks run on the result before it is thrown away; null runs none
 * @param roundTrip after each migration, run its down file and the migration again and compare snapshots
 * @param rollback dry-run this rollback (its down scripts) instead of the pending migrations; null for a migrate
 */
public record DryRunOptions(DryRunMode mode, int sampleRows, Duration lockTimeout, LintOptions lint, VerifyOptions verify,
                            boolean roundTrip, RollbackRequest rollback) {
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final DryRunOptions DEFAULTS = new DryRunOptions(DryRunMode.AUTO, 0, DEFAULT_LOCK_TIMEOUT, LintOptions.DEFAULTS, null, false, null);

    /** Options without checks. */
    public DryRunOptions(DryRunMode mode, int sampleRows, Duration lockTimeout, LintOptions lint) {
        this(mode, sampleRows, lockTimeout, lint, null, false, null);
    }

    /** Options without the round-trip check. */
    public DryRunOptions(DryRunMode mode, int sampleRows, Duration lockTimeout, LintOptions lint, VerifyOptions verify) {
        this(mode, sampleRows, lockTimeout, lint, verify, false, null);
    }

    public DryRunOptions(DryRunMode mode, int sampleRows, Duration lockTimeout, LintOptions lint, VerifyOptions verify,
                         boolean roundTrip) {
        this(mode, sampleRows, lockTimeout, lint, verify, roundTrip, null);
    }

    /** The same dry run of a rollback instead of the pending migrations. */
    public DryRunOptions withRollback(RollbackRequest rollback) {
        return new DryRunOptions(mode, sampleRows, lockTimeout, lint, verify, false, rollback);
    }

    public DryRunOptions {
        Objects.requireNonNull(mode, "mode");
        lint = lint == null ? LintOptions.DEFAULTS : lint;
        lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        if (sampleRows < 0) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--sample-rows must be 0 or more, was " + sampleRows);
        }
    }
}
