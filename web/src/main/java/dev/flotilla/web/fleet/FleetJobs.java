package dev.flotilla.web.fleet;

import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Read-only fleet work of one kind started from the console or the API (drift checks, verifies), run in the
 * background as dry runs are, so that 500 tenants never hold a request; the newest {@value #KEPT} are kept in memory
 * to be shown. Thread-safe.
 *
 * @param <T> what a finished job holds
 */
public final class FleetJobs<T> {
    static final int KEPT = 50;

    /** One run: running until {@code result} or {@code error} is set. */
    public static final class Job<T> {
        private final String id;
        private final String user;
        private final List<TenantId> tenants;
        private final Instant started = Instant.now();
        private volatile T result;
        private volatile String error;
        private volatile long millis;

        Job(String id, String user, List<TenantId> tenants) {
            this.id = id;
            this.user = user;
            this.tenants = List.copyOf(tenants);
        }

        public String id() {
            return id;
        }

        public String user() {
            return user;
        }

        public List<TenantId> tenants() {
            return tenants;
        }

        public Instant started() {
            return started;
        }

        public boolean done() {
            return result != null || error != null;
        }

        /** Null until done, and when the run failed as a whole ({@link #error()}). */
        public T result() {
            return result;
        }

        public String error() {
            return error;
        }

        public long millis() {
            return millis;
        }
    }

    private final ExecutorService background;
    private final Map<String, Job<T>> jobs = new LinkedHashMap<>();

    public FleetJobs(ExecutorService background) {
        this.background = background;
    }

    /** Starts {@code work} in the background; {@code finished} is told its result (to record and audit it) before it shows. */
    public Job<T> start(String user, List<TenantId> tenants, Supplier<T> work, Consumer<T> finished) {
        Job<T> job = new Job<>(UUID.randomUUID().toString(), user, tenants);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > KEPT) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        background.submit(() -> run(job, work, finished));
        return job;
    }

    public Optional<Job<T>> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(id == null ? null : jobs.get(id));
        }
    }

    private void run(Job<T> job, Supplier<T> work, Consumer<T> finished) {
        long start = System.nanoTime();
        try {
            T result = work.get();
            finished.accept(result);
            job.millis = (System.nanoTime() - start) / 1_000_000;
            job.result = result;
        } catch (RuntimeException e) {
            job.millis = (System.nanoTime() - start) / 1_000_000;
            job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
