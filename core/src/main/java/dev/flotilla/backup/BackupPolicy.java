package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where backups go and how many deployments' worth are kept.
 *
 * @param keep the newest {@code keep} deployments (and on-demand backups) keep their files; older ones are deleted
 */
public record BackupPolicy(Path dir, int keep) {
    public BackupPolicy {
        Objects.requireNonNull(dir, "dir");
        if (keep < 1) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "backup.keep must be 1 or more, was " + keep);
        }
    }
}
