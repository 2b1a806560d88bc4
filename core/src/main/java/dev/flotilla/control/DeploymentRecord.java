package dev.flotilla.control;

import java.time.Instant;

/**
 * A deployment with its task counts.
 *
 * @param runner "host:pid" of the process that runs (or ran) it
 * @param kind {@code deploy} or {@code rollback}
 * @param rollsBack the deployment a rollback undoes, or null
 */
public record DeploymentRecord(String id, DeploymentStatus status, Instant startedAt, Instant finishedAt, String startedBy,
                               String runner, String options, int total, int succeeded, int failed, int skipped,
                               int pending, String kind, String rollsBack) {
    public boolean rollback() {
        return "rollback".equals(kind);
    }
}
