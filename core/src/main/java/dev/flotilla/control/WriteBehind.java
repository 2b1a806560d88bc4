package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Control-plane writes taken off the caller's thread: a deployment's workers queue each tenant's task records
 * here and go on with the next target while one writer thread commits them, all that has queued up since its
 * last commit (or within 2 ms of the first) in one transaction. With the embedded plane every commit is a write to disk (and most of a
 * worker's own CPU: 2 ms of a tenant's 10), so the workers no longer wait for it, and under load the writes
 * of several tenants share one.
 *
 * <p>Records keep their order: one writer, first in first out. {@link #flush()} returns once everything queued
 * before it is committed, and {@link #close()} flushes; the caller flushes before it reads what it queued or
 * writes anything that must come after it. A crash loses at most the records of the last few milliseconds,
 * which the window between a target's commit and its record in the plane always allowed: a resumed
 * deployment finds those tenants' migrations in their history tables. A batch that fails is retried one
 * write at a time, so one bad record costs only itself; the first failure is thrown by the next
 * {@link #add} or {@link #flush()}, so that work stops rather than go on unrecorded. Thread-safe.
 */
public final class WriteBehind implements AutoCloseable {
    private record Write(String doing, Runnable writes, Runnable afterCommit) {
    }

    private static final Write STOP = new Write("stopping", () -> { }, () -> { });
    private static final long LINGER_MICROS = 2000;

    private final ControlPlane plane;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private long queued;
    private long committed;
    private FlotillaException failure;

    WriteBehind(ControlPlane plane) {
        this.plane = plane;
        this.writer = Thread.ofPlatform().daemon().name("flotilla-control-plane-writer").start(this::write);
    }

    /** Queues writes to run in a transaction of the writer's; throws the failure of an earlier write, if any. */
    public void add(String doing, Runnable writes) {
        add(doing, writes, () -> { });
    }

    /**
     * Queues writes, and what to do once they are committed (on the writer's thread): tell a listener, so that
     * what it shows ("t07 succeeded") is in the plane by then and survives a crash. Not run if the writes fail.
     */
    public void add(String doing, Runnable writes, Runnable afterCommit) {
        synchronized (this) {
            throwFailure();
            if (!writer.isAlive()) {
                throw new IllegalStateException("The control plane's writer is closed");
            }
            queued++;
        }
        queue.add(new Write(doing, writes, afterCommit));
    }

    /** Waits until everything queued so far is committed; throws the first write that failed. */
    public synchronized void flush() {
        long target = queued;
        boolean interrupted = false;
        while (committed < target && writer.isAlive()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        throwFailure();
    }

    /** Flushes and stops the writer. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            queue.add(STOP);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void throwFailure() {
        if (failure != null) {
            throw new FlotillaException(failure.code(), failure.getMessage(), failure);
        }
    }

    private void write() {
        List<Write> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch);
                if (batch.size() == 1 && batch.get(0) != STOP) {
                    lingerForMore(batch);
                }
            } catch (InterruptedException e) {
                return;
            }
            boolean stop = batch.remove(STOP);
            commit(batch);
            synchronized (this) {
                committed += batch.size();
                notifyAll();
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /**
     * A worker queues a task's end and, a moment later, the next task's start: waiting that moment for the second
     * halves the commits of one worker (as PostgreSQL's {@code commit_delay} does for its own).
     */
    private void lingerForMore(List<Write> batch) throws InterruptedException {
        Write next = queue.poll(LINGER_MICROS, TimeUnit.MICROSECONDS);
        if (next != null) {
            batch.add(next);
            queue.drainTo(batch);
        }
    }

    private void commit(List<Write> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            plane.together(batch.get(0).doing(), () -> batch.forEach(w -> w.writes().run()));
            batch.forEach(this::committed);
        } catch (RuntimeException together) {
            for (Write write : batch) {
                try {
                    plane.together(write.doing(), write.writes());
                } catch (RuntimeException alone) {
                    fail("A control-plane write failed while " + write.doing(), alone);
                    continue;
                }
                committed(write);
            }
        }
    }

    private void committed(Write write) {
        try {
            write.afterCommit().run();
        } catch (RuntimeException e) {
            fail("Reporting progress failed after " + write.doing(), e);
        }
    }

    private synchronized void fail(String what, RuntimeException e) {
        if (failure == null) {
            failure = e instanceof FlotillaException f ? f : new FlotillaException(ErrorCode.INTERNAL, what + ": " + e, e);
        }
    }
}
