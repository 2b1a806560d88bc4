package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationVersion;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How far to roll back one target: the newest {@code steps} applied migrations, every applied migration
 * above {@code toVersion}, or exactly {@code versions} (what one deployment applied; those already rolled
 * back are passed over, so running it again after a crash finishes the job). Exactly one is set.
 */
public record RollbackRequest(Integer steps, MigrationVersion toVersion, List<MigrationVersion> versions) {
    public RollbackRequest {
        int given = (steps == null ? 0 : 1) + (toVersion == null ? 0 : 1) + (versions == null ? 0 : 1);
        if (given != 1) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Rollback needs exactly one of --steps N, --to VERSION or --deployment ID");
        }
        if (steps != null && steps < 1) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--steps must be 1 or more, was " + steps);
        }
        versions = versions == null ? null : List.copyOf(versions);
    }

    public static RollbackRequest steps(int steps) {
        return new RollbackRequest(steps, null, null);
    }

    public static RollbackRequest to(MigrationVersion version) {
        return new RollbackRequest(null, version, null);
    }

    public static RollbackRequest versions(List<MigrationVersion> versions) {
        return new RollbackRequest(null, null, versions);
    }

    /** The form kept with a rollback task in the control plane: {@code to=2} or {@code versions=4,3}. */
    public String text() {
        if (toVersion != null) {
            return "to=" + toVersion;
        }
        if (versions != null) {
            return "versions=" + versions.stream().map(MigrationVersion::toString).collect(Collectors.joining(","));
        }
        return "steps=" + steps;
    }

    public static RollbackRequest parse(String text) {
        String[] kv = text.split("=", 2);
        return switch (kv[0]) {
            case "to" -> to(MigrationVersion.parse(kv[1]));
            case "versions" -> versions(Arrays.stream(kv[1].split(",")).map(MigrationVersion::parse).toList());
            case "steps" -> steps(Integer.parseInt(kv[1]));
            default -> throw new IllegalArgumentException("Not a rollback request: " + text);
        };
    }
}
