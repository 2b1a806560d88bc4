package dev.flotilla.migration;

import dev.flotilla.ErrorCode;
import java.util.Objects;

/**
 * A finding about the migration files.
 *
 * @param code null for plain warnings
 * @param file the file name (or the folder) concerned
 * @param line the 1-based line, 0 when not known
 */
public record LoadFinding(Severity severity, ErrorCode code, String message, String file, int line) {
    public LoadFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
    }

    static LoadFinding error(ErrorCode code, String file, int line, String message) {
        return new LoadFinding(Severity.ERROR, code, message, file, line);
    }
}
