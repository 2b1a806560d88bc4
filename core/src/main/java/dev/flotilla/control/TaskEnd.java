package dev.flotilla.control;

import java.time.Instant;
import java.util.List;

/**
 * How one run of a task ended, as {@link DeploymentStore#taskFinished} records it.
 *
 * @param applied what this run applied (or rolled back), over every attempt of it: a retry of a transient failure goes
 *     on where the one before stopped
 * @param error what it ended with; {@link TaskError#NONE} for a task that succeeded
 * @param log the lines of its log this run adds
 * @param at when it ended, not when a batch of records is written
 * @param attempts the attempts this run made, retries of transient failures included
 * @param logStarted whether the run wrote the first lines of its log as they came ({@link DeploymentStore#taskLogged}),
 *     which {@code log} then follows
 */
public record TaskEnd(TaskStatus status, List<String> applied, TaskError error, String log, Instant at, int attempts,
                      boolean logStarted) {
    public TaskEnd {
        applied = List.copyOf(applied);
    }

    /** A run of one attempt, its whole log written with its end. */
    public static TaskEnd of(TaskStatus status, List<String> applied, TaskError error, String log, Instant at) {
        return new TaskEnd(status, applied, error, log, at, 1, false);
    }
}
