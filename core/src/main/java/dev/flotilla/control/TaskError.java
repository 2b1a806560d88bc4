package dev.flotilla.control;

import dev.flotilla.ErrorCode;

/**
 * What a task ended with, as recorded: for a failed one its code, message and where it failed; for a skipped one the
 * message alone; all null for a task that succeeded.
 *
 * @param migration the version (or script) the failure is about, or null
 * @param check the id of the (first) check that failed ({@code CHECK_FAILED}), or null
 */
public record TaskError(ErrorCode code, String message, String migration, String check) {
    /** A succeeded task's: no error. */
    public static final TaskError NONE = new TaskError(null, null, null, null);

    /** An error about no migration or check in particular; a skipped task's message has no code. */
    public static TaskError of(ErrorCode code, String message) {
        return new TaskError(code, message, null, null);
    }
}
