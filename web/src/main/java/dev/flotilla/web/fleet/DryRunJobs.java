package dev.flotilla.web.fleet;

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
 * {@value #KEPT} are kept in memory to be shown, their diffs also go to the control plane. Thread-safe.
 */
public final class DryRunJobs {
    static final int KEPT = 50;

    /** One dry run: running until {@code results} or {@code error} is set. */
    public static final class Job {
        private final String id;
        private final String user;
        private final List<String> versions;
        private final java.util.Set<dev.flotilla.tenant.TenantId> tenants;
        private final Map<String, String> checksums;
        private final Instant started = Instant.now();
        private volatile List<TenantDryRun> results;
        private volatile String error;
        private volatile long millis;

        Job(String id, String user, List<String> versions, java.util.Set<dev.flotilla.tenant.TenantId> tenants,
            Map<String, String> checksums) {
            this.id = id;
            this.user = user;
            this.versions = List.copyOf(versions);
            this.tenants = java.util.Set.copyOf(tenants);
            this.checksums = Map.copyOf(checksums);
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

        /**
         * Why a deploy of these versions, files and tenants would not be the one this run tested, or null when it would
         * be: the wizard deploys only what was tested.
         */
        public String differsFrom(List<String> versions, LoadedMigrations files, java.util.Set<dev.flotilla.tenant.TenantId> tenants) {
            if (!this.versions.equals(versions) || !this.tenants.equals(tenants)) {
                return "The files or tenants chosen changed since the test.";
            }
            return filesDifferFrom(files);
        }

        /** Why these files are not the ones this run tested (edited, added or removed since), or null when they are. */
        public String filesDifferFrom(LoadedMigrations files) {
            Map<String, String> now = checksums(files);
            List<String> changed = new java.util.ArrayList<>();
            now.forEach((script, checksum) -> {
                if (!checksum.equals(checksums.get(script))) {
                    changed.add(script);
                }
            });
            checksums.keySet().stream().filter(script -> !now.containsKey(script)).forEach(changed::add);
            return changed.isEmpty() ? null : "Migration files changed since the test: " + String.join(", ", changed.stream()
                    .sorted().toList()) + ".";
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

        /** Whether this run tested the tenant (it was among the chosen ones). */
        public boolean tested(dev.flotilla.tenant.TenantId tenant) {
            return tenants.contains(tenant);
        }

        /**
         * The tenants whose test failed, with why, in the run's order: those whose dry run ended in error, or every
         * tenant when the run itself could not run. Empty while running.
         */
        public Map<dev.flotilla.tenant.TenantId, String> failedTenants() {
            Map<dev.flotilla.tenant.TenantId, String> failed = new LinkedHashMap<>();
            if (error != null) {
                tenants.stream().sorted(java.util.Comparator.comparing(dev.flotilla.tenant.TenantId::value))
                        .forEach(t -> failed.put(t, "the test could not run: " + error));
            }
            results().stream().filter(r -> "error".equals(r.status()))
                    .forEach(r -> failed.put(r.tenant(), r.firstError() == null ? "failed" : r.firstError()));
            return failed;
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
        Job job = new Job(UUID.randomUUID().toString(), user, versions, targets.stream().map(t -> t.tenant().id())
                .collect(java.util.stream.Collectors.toSet()), checksums(migrations));
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

    /** Each file's checksum by its name: what a test ran, to compare with what a deploy would run. */
    static Map<String, String> checksums(LoadedMigrations migrations) {
        Map<String, String> checksums = new LinkedHashMap<>();
        migrations.migrations().forEach(m -> checksums.put(m.script(), m.checksum()
                + m.downScript().map(d -> "+" + d.checksum()).orElse("")));
        return checksums;
    }

    /** Runs the job; its outcome is audited before the page can show it done, as a deployment's is. */
    private void run(Job job, String source, LoadedMigrations migrations, List<TenantTarget> targets) {
        long start = System.nanoTime();
        try {
            List<TenantDryRun> results = new FleetDryRun(fleet.templateAs(job.user()), migrations, fleet.dryRun(),
                    fleet.deploy().concurrency(), fleet.deploy().perServer()).run(targets);
            DryRunRecords.record(fleet.plane(), results);
            long millis = (System.nanoTime() - start) / 1_000_000;
            DryRunRecords.audit(fleet.plane(), job.user(), "dry-run.finished", results, millis, source);
            job.millis = millis;
            job.results = results;
        } catch (RuntimeException e) {
            job.millis = (System.nanoTime() - start) / 1_000_000;
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            fleet.plane().audit().record(job.user(), "dry-run.finished", null, null, error, "failed", source);
            job.error = error;
        }
    }
}
