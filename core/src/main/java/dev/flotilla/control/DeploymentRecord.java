package dev.flotilla.control;

import java.time.Instant;

/**
 * A deployment with its task counts.
 *
 * @param runner "host:pid" of the process that runs (or ran) it
 */
public record DeploymentRecord(String id, DeploymentStatus status, Instant startedAt, Instant finishedAt, String startedBy,
                               String runner, String options, int total, int succeeded, int failed, int skipped,
                               int pending) {
}
