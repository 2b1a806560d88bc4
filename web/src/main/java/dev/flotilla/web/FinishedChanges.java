package dev.flotilla.web;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.schema.SchemaChanges;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's schema changes as its page groups them ({@link SchemaChanges#grouped}), read from every task's log:
 * kept for the finished deployments last shown (read once, not on each refresh: 2,000 tasks' logs took a second and
 * more on a busy machine, SchemaChangesScaleTest); while one runs, its finished tasks' logs are read once and its
 * running tasks' on each look; and once more when its record says it changed (a resume, a retry: its status, end and
 * counts). In memory, one per console; thread-safe.
 */
final class FinishedChanges {
    private static final int KEPT = 32;
    /** Enough for the finished tasks of a few large deployments running at once. */
    private static final int KEPT_TASKS = 20_000;

    private record Key(String id, DeploymentStatus status, Instant finishedAt, int succeeded, int failed, int skipped,
                       int pending) {
    }

    /** A finished task, as its record says it ended: its log is read again once it ran again (a retry, a resume). */
    private record TaskKey(String deployment, String tenant, TaskStatus status, Instant finishedAt, int attempts) {
    }

    private final Map<TaskKey, SchemaChanges> keptTasks = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TaskKey, SchemaChanges> eldest) {
            return size() > KEPT_TASKS;
        }
    };

    private final Map<Key, List<String>> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<String>> eldest) {
            return size() > KEPT;
        }
    };

    List<String> of(DeploymentRecord deployment, List<TaskRecord> tasks) {
        if (deployment.status() == DeploymentStatus.RUNNING || deployment.finishedAt() == null) {
            return List.copyOf(SchemaChanges.grouped(tasks.stream().map(this::changes).toList(), deployment.rollback()));
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

    /**
     * A running deployment's task's changes: a finished one's read from its log once, a running or pending one's on each look, and an
     * interrupted one's too (reading its target's history back writes to its log).
     */
    private SchemaChanges changes(TaskRecord task) {
        if (task.finishedAt() == null || task.status() == TaskStatus.RUNNING || task.status() == TaskStatus.PENDING
                || task.status() == TaskStatus.INTERRUPTED) {
            return task.changes();
        }
        TaskKey key = new TaskKey(task.deploymentId(), task.tenant().value(), task.status(), task.finishedAt(), task.attempts());
        synchronized (keptTasks) {
            SchemaChanges known = keptTasks.get(key);
            if (known != null) {
                return known;
            }
        }
        SchemaChanges changes = task.changes();
        synchronized (keptTasks) {
            keptTasks.put(key, changes);
        }
        return changes;
    }
}
