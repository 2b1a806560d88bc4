package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationVersion;

/**
 * How far to roll back one target: the newest {@code steps} applied migrations, or every applied migration
 * above {@code toVersion}. Exactly one is set.
 */
public record RollbackRequest(Integer steps, MigrationVersion toVersion) {
    public RollbackRequest {
        if ((steps == null) == (toVersion == null)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Rollback needs exactly one of --steps N or --to VERSION");
        }
        if (steps != null && steps < 1) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--steps must be 1 or more, was " + steps);
        }
    }

    public static RollbackRequest steps(int steps) {
        return new RollbackRequest(steps, null);
    }

    public static RollbackRequest to(MigrationVersion version) {
        return new RollbackRequest(null, version);
    }
}
