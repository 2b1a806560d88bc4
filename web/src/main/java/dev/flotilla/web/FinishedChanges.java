package dev.flotilla.web;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.schema.SchemaChanges;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's schema changes as its page groups them ({@link SchemaChanges#grouped}), read from every task's log:
 * kept for the finished deployments last shown (read once, not on each refresh: 2,000 tasks' logs took a second and
 * more on a busy machine, SchemaChangesScaleTest), read again while one runs, and once more when its record says it
 * changed (a resume, a retry: its status, end and counts). In memory, one per console; thread-safe.
 */
final class FinishedChanges {
    private static final int KEPT = 32;

    private record Key(String id, DeploymentStatus status, Instant finishedAt, int succeeded, int failed, int skipped,
                       int pending) {
    }

    private final Map<Key, List<String>> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<String>> eldest) {
            return size() > KEPT;
        }
    };

    List<String> of(DeploymentRecord deployment, List<TaskRecord> tasks) {
        if (deployment.status() == DeploymentStatus.RUNNING || deployment.finishedAt() == null) {
            return grouped(deployment, tasks);
        }
        Key key = new Key(deployment.id(), deployment.status(), deployment.finishedAt(), deployment.succeeded(),
                deployment.failed(), deployment.skipped(), deployment.pending());
        synchronized (kept) {
            List<String> known = kept.get(key);
            if (known != null) {
                return known;
            }
        }
        List<String> lines = grouped(deployment, tasks);
        synchronized (kept) {
            kept.put(key, lines);
        }
        return lines;
    }

    /** How many deployments' are kept. */
    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }

    private static List<String> grouped(DeploymentRecord deployment, List<TaskRecord> tasks) {
        return List.copyOf(SchemaChanges.grouped(tasks.stream().map(TaskRecord::changes).toList(), deployment.rollback()));
    }
}
