package dev.flotilla.web.fleet;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.run.DryRunGroup;
import dev.flotilla.run.DryRunRecords;
import dev.flotilla.run.FleetDryRun;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.web.ConsoleFleet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Fleet dry runs started from the console, run in the background so the page stays responsive; the newest
 * {@value #KEPT} are kept in memory to be shown. Each is recorded in the control plane as it starts (what it tests) and
 * ends (the diffs, each tenant's outcome): a deploy naming it is gated on that record ({@link FleetDryRunRecord}), so
 * the gate holds after the console restarts. Thread-safe.
 */
public final class DryRunJobs {
    static final int KEPT = 50;

    /** One dry run: running until {@code results} or {@code error} is set. */
    public static final class Job {
        private final String id;
        private final String user;
        private final List<String> versions;
        private final List<dev.flotilla.tenant.TenantId> tenants;
        private final Instant started = Instant.now();
        private volatile List<TenantDryRun> results;
        private volatile String error;
        private volatile long millis;

        Job(String id, String user, List<String> versions, List<dev.flotilla.tenant.TenantId> tenants) {
            this.id = id;
            this.user = user;
            this.versions = List.copyOf(versions);
            this.tenants = List.copyOf(tenants);
        }

        public String id() {
            return id;
        }

        public String user() {
            return user;
        }

        public List<String> versions() {
            return versions;
        }

        public int tenants() {
            return tenants.size();
        }

        public Instant started() {
            return started;
        }

        public boolean done() {
            return results != null || error != null;
        }

        public List<TenantDryRun> results() {
            return results == null ? List.of() : results;
        }

        public List<DryRunGroup> groups() {
            return DryRunGroup.of(results());
        }

        public String error() {
            return error;
        }

        public long millis() {
            return millis;
        }

        public long failed() {
            return results().stream().filter(r -> "error".equals(r.status())).count();
        }
    }

    private final ConsoleFleet fleet;
    private final ExecutorService background;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public DryRunJobs(ConsoleFleet fleet, ExecutorService background) {
        this.fleet = fleet;
        this.background = background;
    }

    /** @param source the client's address, for the audit log's entry of the outcome */
    public Job start(String user, String source, List<String> versions, LoadedMigrations migrations, List<TenantTarget> targets) {
        Job job = new Job(UUID.randomUUID().toString(), user, versions, targets.stream().map(t -> t.tenant().id()).toList());
        fleet.plane().dryRuns().started(job.id(), user, versions, FleetDryRunRecord.checksums(migrations), job.tenants);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > KEPT) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        background.submit(() -> run(job, source, migrations, targets));
        return job;
    }

    public Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(id == null ? null : jobs.get(id));
        }
    }

    /** Runs the job; its outcome is audited before the page can show it done, as a deployment's is. */
    private void run(Job job, String source, LoadedMigrations migrations, List<TenantTarget> targets) {
        long start = System.nanoTime();
        try {
            List<TenantDryRun> results = new FleetDryRun(fleet.templateAs(job.user()), migrations, fleet.dryRun(),
                    fleet.deploy().concurrency(), fleet.deploy().perServer()).run(targets);
            DryRunRecords.record(fleet.plane(), results);
            long millis = (System.nanoTime() - start) / 1_000_000;
            fleet.plane().dryRuns().finished(job.id(), millis, null, DryRunRecords.outcomes(results));
            DryRunRecords.audit(fleet.plane(), job.user(), "dry-run.finished", results, millis, source);
            job.millis = millis;
            job.results = results;
        } catch (RuntimeException e) {
            job.millis = (System.nanoTime() - start) / 1_000_000;
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                fleet.plane().dryRuns().finished(job.id(), job.millis, error, Map.of());
                fleet.plane().audit().record(job.user(), "dry-run.finished", null, null, error, "failed", source);
            } finally {
                job.error = error;
            }
        }
    }
}
