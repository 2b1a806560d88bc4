package dev.flotilla.web;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The console's background work (dry runs, deployments): a thread per job, as many as are started, and a way to
 * wait until none is running. Work a job starts itself counts before the job that started it ends.
 */
final class BackgroundWork extends ThreadPoolExecutor {
    /** Jobs handed over and not yet ended; guarded by this. */
    private int running;

    BackgroundWork() {
        super(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), job -> {
            Thread thread = new Thread(job, "flotilla-console-work");
            thread.setDaemon(false);
            return thread;
        });
    }

    @Override
    public void execute(Runnable job) {
        synchronized (this) {
            running++;
        }
        try {
            super.execute(job);
        } catch (RuntimeException e) {
            ended();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable job, Throwable failure) {
        ended();
    }

    private synchronized void ended() {
        running--;
        notifyAll();
    }

    /** Waits until no job is running, at most {@code timeout}; false when some still are. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
