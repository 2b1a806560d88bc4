package dev.flotilla.control;

import java.time.Instant;

/**
 * A deployment with its task counts.
 *
 * @param runner "host:pid" of the process that runs (or ran) it: a label for people; whether it still runs is told by
 *     its heartbeat
 * @param lastSeen how long before it was read the deployment's process last marked it alive; null if it never did
 * @param staleAfter how long after its last heartbeat a running deployment counts as interrupted
 * @param kind {@code deploy} or {@code rollback}
 * @param rollsBack the deployment a rollback undoes, or null
 * @param stopRequest the stop asked for while it ran, until a resume; null when none was
 */
public record DeploymentRecord(String id, DeploymentStatus status, Instant startedAt, Instant finishedAt, String startedBy,
                               String runner, String options, int total, int succeeded, int failed, int skipped,
                               int pending, String kind, String rollsBack, java.time.Duration lastSeen,
                               java.time.Duration staleAfter, StopRequest stopRequest) {
    private static final java.time.format.DateTimeFormatter STOPPED_AT = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    public boolean rollback() {
        return "rollback".equals(kind);
    }

    /** {@link #lastSeen} in whole milliseconds, null when it never was seen. */
    public Long lastSeenMs() {
        return lastSeen == null ? null : lastSeen.toMillis();
    }

    /** {@link #staleAfter} in whole milliseconds, null when unknown. */
    public Long staleAfterMs() {
        return staleAfter == null ? null : staleAfter.toMillis();
    }

    /**
     * How the error of a task its dead process left running begins, on its page and its tenant's: "The process running
     * this task (host:pid) stopped at 10:02:03 UTC, when it was last seen alive"; {@code readAt} when this was read,
     * from which {@link #lastSeen} counts back.
     */
    public String taskStopped(Instant readAt) {
        return "The process running this task (" + runner + ") stopped"
                + (lastSeen == null ? "" : " at " + STOPPED_AT.format(readAt.minus(lastSeen)) + ", when it was last seen alive");
    }

    /** The command that continues it: {@code flotilla deploy --resume ID}, or {@code rollback --resume} for a rollback. */
    public String resumeCommand() {
        return "flotilla " + (rollback() ? "rollback" : "deploy") + " --resume " + id;
    }
}
