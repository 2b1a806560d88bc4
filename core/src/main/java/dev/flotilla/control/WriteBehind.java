package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.MaskedThrowable;
import java.time.Duration;
import java.util.List;

/**
 * Control-plane writes taken off the caller's thread: a deployment's workers queue each tenant's task records
 * here and go on with the next target while one writer thread commits them: everything that arrives within
 * 100 ms of the first record, in one transaction. With the embedded plane every commit writes again each page
 * it touched (serialising them takes about as much CPU as the worker's own Java for a tenant), so the workers
 * no longer wait for it, and the records of all the tenants finishing in those 100 ms share one. (A 10 ms window
 * committed about once a tenant at concurrency 1; 100 ms took the CLI's deploy over 300 schemas from 9.5 to
 * 8.8 ms of CPU a tenant, where 200 ms gained little more. Progress shown after the commit is as late.) A plan's
 * tenant states and a fleet dry run's records come through here too, all queued at once: one commit for them all.
 *
 * <p>Records keep their order: one writer, first in first out, except that a record with a key is taken into the next
 * one of its key in the same batch ({@link Coalescing}: a task's pending count and log lines into its end), which
 * saves the writer statements, never a commit: the crash below loses or keeps both. {@link #flush()} returns once everything queued
 * before it is committed (it ends the window early), and {@link #close()} flushes; the caller flushes before it
 * reads what it queued or writes anything that must come after it. A crash loses at most the records of the
 * last 100 ms, which the window between a target's commit and its record in the plane always allowed: a resumed
 * deployment finds those tenants' migrations in their history tables. A task's start is flushed by its worker before
 * it touches the target (one commit a task): lost, the task would read as never started, and what it applied would
 * not be read back from the target's history. A batch that fails is retried one
 * write at a time, so one bad record costs only itself and the records it took in (not one whose commit was cut off: see {@link CommitUnknown}); the first failure is thrown by the next
 * {@link #add} or {@link #flush()}, so that work stops rather than go on unrecorded. A writer thread that dies (an
 * {@link Error}: out of memory, a stack overflow) fails them too, saying the records queued may not be written. What it
 * says of a failure, and the error its thread ends with, are masked as the plane masks what it keeps. Thread-safe.
 */
public final class WriteBehind implements AutoCloseable {
    /**
     * Writes that a later write of the same key, queued in the same batch, takes in: the writer runs the one that
     * {@link #then} makes of them, at the later one's place, in place of both. A task's end sets again the pending count
     * recorded before it, and its log follows the lines written before it: taken together, each table is written once.
     * The batch is one transaction either way, so a crash keeps both or neither; what the writes leave in the plane
     * must be the same (nothing between them in the batch writes what they write: keys are one run of one task's).
     */
    public interface Coalescing<T extends Coalescing<T>> {
        /** What the writes are about: only writes with equal keys are taken together. */
        Object key();

        /** One write leaving in the plane what this one, then {@code later}, would. */
        T then(T later);

        /** Writes, through the plane (may run twice: see {@link ControlPlane#together}). */
        void write();
    }

    static final Duration WINDOW = Duration.ofMillis(100);

    private final ControlPlane plane;
    private final WriteBatches queue;
    private final Thread writer;
    private long queued;
    private long committed;
    private FlotillaException failure;
    /** Whether the writer thread has ended (stopped, or died): nothing queued now is written. */
    private boolean ended;
    /** What the writer is committing, for the message of its death. */
    private volatile String committing = "waiting for records";

    WriteBehind(ControlPlane plane, Duration window) {
        this.plane = plane;
        this.queue = new WriteBatches(window);
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
        add(new Write(doing, writes, afterCommit));
    }

    /**
     * Queues writes that a later write of the same key, in the same batch, takes in ({@link Coalescing}), and what to
     * do once they are committed: run then, if taken in, before the later write's own.
     */
    public void add(String doing, Coalescing<?> writes, Runnable afterCommit) {
        add(new Write(doing, writes::write, afterCommit, writes));
    }

    private void add(Write write) {
        synchronized (this) {
            throwFailure();
            if (ended) {
                throw new IllegalStateException("The control plane's writer is closed");
            }
            queued++;
        }
        queue.add(write);
    }

    /** Waits until everything queued so far is committed; throws the first write that failed. */
    public void flush() {
        flushLater().await();
    }

    /** What was queued before a {@link #flushLater()}: {@link #await()} returns once it is committed. */
    @FunctionalInterface
    public interface Flushing {
        /** Waits until what was queued before is committed; throws the first write that failed. */
        void await();
    }

    /**
     * Ends the writer's window now, as {@link #flush()} does, without waiting: the caller goes on with work that
     * needs the records committed only later (a task's start: before anything reaches its target, not before it
     * connects and reads), and {@link Flushing#await() awaits} them then.
     */
    public synchronized Flushing flushLater() {
        if (committed < queued && !ended) {
            queued++;
            queue.flush();
        }
        long target = queued;
        return () -> awaitCommitted(target);
    }

    private synchronized void awaitCommitted(long target) {
        boolean interrupted = false;
        while (committed < target && !ended) {
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
        if (committed < target) {
            throw new FlotillaException(ErrorCode.INTERNAL, "The control plane's writer stopped (interrupted) before it"
                    + " committed every record queued: " + (target - committed) + " may not be written. See what the"
                    + " control plane shows (deployments show) and run the command again.");
        }
    }

    /** Flushes and stops the writer. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            queue.stop();
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
        try {
            writeUntilStopped();
        } catch (RuntimeException | Error e) {
            died(e);
            // The thread's end told as the JVM tells it, of the same type, masked as the plane masks what it keeps.
            throw MaskedThrowable.rethrown(e, plane::scrub);
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private void writeUntilStopped() {
        while (true) {
            WriteBatches.Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            commit(batch.writes());
            committing = "waiting for records";
            synchronized (this) {
                committed += batch.counted();
                notifyAll();
            }
            if (batch.stops()) {
                return;
            }
        }
    }

    private void commit(List<Write> queued) {
        List<Write> batch = Write.coalesced(queued);
        if (batch.isEmpty()) {
            return;
        }
        committing = batch.get(0).doing() + (batch.size() > 1 ? " (and " + (batch.size() - 1) + " more record(s))" : "");
        try {
            plane.together(batch.get(0).doing(), () -> batch.forEach(w -> w.writes().run()));
            batch.forEach(this::committed);
        } catch (CommitUnknown unknown) {
            // Perhaps committed: written again one at a time, a record could count twice. Work stops, told why.
            fail("A control-plane write's outcome is unknown", unknown);
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

    /** The failure every later add and flush throws, saying what may not be written and what to do. */
    private void died(Throwable e) {
        FlotillaException death = new FlotillaException(ErrorCode.INTERNAL, plane.scrub("The control plane's writer thread"
                + " died of " + e + " while " + committing) + ": the records queued for the control plane since its last commit may not be"
                + " written, and none queued after will be. The work stops here. See what the control plane shows"
                + " (deployments show, tenants list) and run the command again; a deployment is taken up by deploy --resume"
                + (e instanceof OutOfMemoryError ? ". The process ran out of memory: give it more (FLOTILLA_JAVA_OPTS=-Xmx2g)" : "")
                + ".", MaskedThrowable.of(e, plane::scrub));
        synchronized (this) {
            if (failure == null) {
                failure = death;
            } else {
                failure.addSuppressed(death);
            }
        }
    }

    private synchronized void fail(String what, RuntimeException e) {
        if (failure == null) {
            // Masked as the plane masks what it keeps: a record's values may be quoted in what the database said of it.
            failure = e instanceof FlotillaException f ? f.masked(plane::scrub) : new FlotillaException(ErrorCode.INTERNAL,
                    plane.scrub(what + ": " + e), MaskedThrowable.of(e, plane::scrub));
        }
    }
}
