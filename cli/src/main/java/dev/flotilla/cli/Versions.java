package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationVersion;

/** Parses a version given on the command line, naming the flag when it is malformed. */
final class Versions {
    private Versions() {
    }

    static MigrationVersion parse(String text, String flag) {
        try {
            return MigrationVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, flag + " " + text + " is not a version: write digits separated"
                    + " by dots or underscores, e.g. 3, 1.2 or 2025_11");
        }
    }
}
