package dev.flotilla.run;

import dev.flotilla.control.WriteBehind;
import java.util.List;

/**
 * A task's log written to the control plane as it grows, not only when the task ends: a process killed mid-task
 * (kill -9, a crash) leaves the lines it had written (the backup taken, each migration applied). Each {@link #sync}
 * queues the whole lines added since the one before to the plane's writer, which commits them with the other records
 * of its window: no round trip of their own, and no statement of their own when the task's next lines or its end share
 * their batch ({@link TaskProgress}). Passwords are masked line by line, as the whole log was. Used by the
 * task's own thread only.
 */
final class TaskLogFeed {
    private final TaskProgress.Task task;
    private final WriteBehind records;
    private final List<TenantTarget> group;
    private final StringBuilder log;
    private int written;
    private boolean started;
    private boolean broken;

    /** @param group the tenants sharing the task, each of whose records gets the lines */
    TaskLogFeed(TaskProgress.Task task, WriteBehind records, List<TenantTarget> group, StringBuilder log) {
        this.task = task;
        this.records = records;
        this.group = List.copyOf(group);
        this.log = log;
    }

    /** Queues the whole lines written since the last sync, if any. */
    void sync() {
        int end = log.lastIndexOf("\n") + 1;
        if (broken || end <= written) {
            return;
        }
        String lines = TenantTarget.scrubbed(task.plane(), group, log.substring(written, end));
        boolean first = !started;
        written = end;
        started = true;
        try {
            records.add("writing a task's log", TaskProgress.logged(task, lines, first), () -> { });
        } catch (RuntimeException e) {
            // An earlier write failed: the task's end record, queued the same way, throws it; until then the lines wait.
            broken = true;
        }
    }

    /** The log not written yet, masked: what the task's end record adds. */
    String rest() {
        return TenantTarget.scrubbed(task.plane(), group, log.substring(written));
    }

    /** The run of the task whose log this is: the key its other records are queued under too. */
    TaskProgress.Task task() {
        return task;
    }

    /** Whether this run's log has begun in the plane already (the end record then adds to it, with no separator). */
    boolean started() {
        return started;
    }
}
