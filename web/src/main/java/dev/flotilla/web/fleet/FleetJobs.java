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
 * Fleet work of one kind started from the console or the API (dry runs, drift checks, verifies, restores), run in the
 * background so that 500 tenants never hold a request; the newest {@value #KEPT} are kept in memory to be shown (the work
 * itself records in the control plane what must outlive a restart). Thread-safe.
 *
 * @param <T> what a finished job holds
 */
public final class FleetJobs<T> {
    static final int KEPT = 50;

    /** One run: running until {@code result} or {@code error} is set. */
    public static final class Job<T> {
        private final String id;
        private final String user;
        private final List<String> versions;
        private final List<TenantId> tenants;
        private final boolean outOfOrder;
        private final Instant started = Instant.now();
        private volatile T result;
        private volatile String error;
        private volatile long millis;
        private volatile int readSoFar;
        private volatile int reading;

        Job(String id, String user, List<String> versions, boolean outOfOrder, List<TenantId> tenants) {
            this.id = id;
            this.user = user;
            this.versions = List.copyOf(versions);
            this.outOfOrder = outOfOrder;
            this.tenants = List.copyOf(tenants);
        }

        public String id() {
            return id;
        }

        public String user() {
            return user;
        }

        /** The migration versions it runs (a dry run's), empty for work that runs none. */
        public List<String> versions() {
            return versions;
        }

        /** Whether it runs pending migrations older than a tenant's newest applied one too (a dry run's --out-of-order). */
        public boolean outOfOrder() {
            return outOfOrder;
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

        /** How many tenants the work has been through so far, of {@link #reading()}; 0 until it says. */
        public int readSoFar() {
            return readSoFar;
        }

        /** How many tenants the work goes through ({@link #tenants()} and those it takes with them); 0 until it says. */
        public int reading() {
            return reading;
        }

        /** Told by the work, as it goes: {@code done} of {@code of} tenants gone through. */
        public void progressed(int done, int of) {
            reading = of;
            readSoFar = done;
        }
    }

    /** What a job runs, and what it is told along the way to record and audit: its start, then its result or failure. */
    public interface Work<T> {
        /** Before it runs, on the caller's thread: the job has its id, and shows nowhere yet. */
        default void starting(Job<T> job) {
        }

        T run();

        /** Told the result, and the job its time, before the job shows done. */
        void finished(Job<T> job, T result);

        /** Told why the run as a whole failed, and the job its time, before the job shows it. */
        default void failed(Job<T> job, String error) {
        }
    }

    private final ExecutorService background;
    private final java.util.function.UnaryOperator<String> scrub;
    private final java.util.function.BiFunction<T, java.util.function.UnaryOperator<String>, T> masked;
    private final Map<String, Job<T>> jobs = new LinkedHashMap<>();

    public FleetJobs(ExecutorService background) {
        this(background, java.util.function.UnaryOperator.identity());
    }

    /** @param scrub masks the secrets in a failed job's error before it is recorded or shown (the control plane's scrub) */
    public FleetJobs(ExecutorService background, java.util.function.UnaryOperator<String> scrub) {
        this(background, scrub, (result, same) -> result);
    }

    /**
     * @param masked gives a finished job's result with {@code scrub} applied to its text, before it is recorded or shown:
     *     what the console keeps in memory passes no control plane, whose scrub masks the process's secrets (the
     *     tenancy's password, secret placeholders' values) in what it keeps
     */
    public FleetJobs(ExecutorService background, java.util.function.UnaryOperator<String> scrub,
                     java.util.function.BiFunction<T, java.util.function.UnaryOperator<String>, T> masked) {
        this.background = background;
        this.scrub = scrub;
        this.masked = masked;
    }

    /** Starts {@code work} in the background; {@code finished} is told its result (to record and audit it) before it shows. */
    public Job<T> start(String user, List<TenantId> tenants, Supplier<T> work, Consumer<T> finished) {
        return start(user, tenants, work, finished, error -> { });
    }

    /** As above; {@code failed} is told why the run as a whole failed (to audit it) before the job shows it. */
    public Job<T> start(String user, List<TenantId> tenants, Supplier<T> work, Consumer<T> finished, Consumer<String> failed) {
        return start(user, List.of(), false, tenants, new Work<>() {
            @Override
            public T run() {
                return work.get();
            }

            @Override
            public void finished(Job<T> job, T result) {
                finished.accept(result);
            }

            @Override
            public void failed(Job<T> job, String error) {
                failed.accept(error);
            }
        });
    }

    /**
     * Starts {@code work} of these versions (out of order or not: {@link Job#outOfOrder}) in the background, once its
     * {@link Work#starting} has returned.
     */
    public Job<T> start(String user, List<String> versions, boolean outOfOrder, List<TenantId> tenants, Work<T> work) {
        Job<T> job = new Job<>(UUID.randomUUID().toString(), user, versions, outOfOrder, tenants);
        work.starting(job);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > KEPT) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        background.submit(() -> run(job, work));
        return job;
    }

    public Optional<Job<T>> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(id == null ? null : jobs.get(id));
        }
    }

    private void run(Job<T> job, Work<T> work) {
        long start = System.nanoTime();
        try {
            T result = masked.apply(work.run(), scrub);
            job.millis = (System.nanoTime() - start) / 1_000_000;
            work.finished(job, result);
            job.result = result;
        } catch (RuntimeException e) {
            job.millis = (System.nanoTime() - start) / 1_000_000;
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : scrub.apply(e.getMessage());
            try {
                work.failed(job, error);
            } finally {
                job.error = error;
            }
        }
    }
}
