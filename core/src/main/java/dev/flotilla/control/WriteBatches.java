package dev.flotilla.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The queue of {@link WriteBehind}'s writer, taken in batches: a batch is what arrives within the window its first
 * write opened, as PostgreSQL's {@code commit_delay} gathers the commits of several sessions into one flush (a worker
 * queues a task's end and at once the next task's start, and other workers theirs). A flush or the stop ends the
 * window early. Any thread adds; one thread, the writer's, takes.
 */
final class WriteBatches {
    private static final Write STOP = new Write("stopping", () -> { }, () -> { });
    /** Queued by {@link #flush()}: the writer commits what it holds without waiting for the rest of its window. */
    private static final Write FLUSH = new Write("flushing", () -> { }, () -> { });

    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final long windowNanos;

    WriteBatches(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * A batch taken: the writes to commit, in the order queued; how many of what was queued it took (its writes and
     * the flushes among them, not the stop); whether the stop was among them, after which nothing more is taken.
     */
    record Batch(List<Write> writes, int counted, boolean stops) {
    }

    void add(Write write) {
        queue.add(write);
    }

    /** Ends the current window now. Counted as queued, as a write is. */
    void flush() {
        queue.add(FLUSH);
    }

    /** Ends the window, and the writer once it has taken what was queued before. Not counted as queued. */
    void stop() {
        queue.add(STOP);
    }

    /** The next batch, waiting for its first write and then for the rest of its window. */
    Batch take() throws InterruptedException {
        List<Write> batch = new ArrayList<>();
        batch.add(queue.take());
        queue.drainTo(batch);
        if (!endsWindow(batch, 0)) {
            collectForWindow(batch);
        }
        int taken = batch.size();
        boolean stops = batch.removeIf(w -> w == STOP);
        batch.removeIf(w -> w == FLUSH);
        return new Batch(batch, stops ? taken - 1 : taken, stops);
    }

    /** Adds what arrives within the window that the batch's first record opened, until a flush or the stop. */
    private void collectForWindow(List<Write> batch) throws InterruptedException {
        long deadline = System.nanoTime() + windowNanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Write next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            int from = batch.size();
            batch.add(next);
            queue.drainTo(batch);
            if (endsWindow(batch, from)) {
                return;
            }
        }
    }

    /** Whether a flush or the stop is among the batch's writes from index {@code from} on. */
    private static boolean endsWindow(List<Write> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i) == FLUSH || batch.get(i) == STOP) {
                return true;
            }
        }
        return false;
    }
}
