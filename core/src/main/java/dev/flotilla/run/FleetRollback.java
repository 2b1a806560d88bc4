package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Plans a rollback across the fleet as a deployment of its own, so it runs with the same concurrency,
 * failure policy, progress, durability and resume as a deploy: what one deployment applied, on the tenants
 * it changed, tenants in reverse wave order and newest migration first; or {@code --steps}/{@code --to} on
 * selected tenants. Every migration to undo must have a down file, checked before anything runs.
 */
public final class FleetRollback {
    private final ControlPlane plane;
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final FleetOptions options;
    private final FleetListener listener;
    /** What the command line asked for and where, said in {@code rollback.started}; null for the console's or the API's. */
    private final CommandLineStart start;
    /** A shared schema's tenant column: a rollback whose down files would drop it under many tenants' rows is refused. */
    private final String tenantColumn;
    /**
     * How long each connection of the checks made before the rollback is recorded may take to open, where shorter than
     * deploy.connectTimeout; null: the setting's.
     */
    private final java.time.Duration checkWithin;
    /** What the guard found when read just before (the command line's, before its question); null: read it here. */
    private final TenantMergeGuard.Findings guarded;

    public FleetRollback(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                         FleetListener listener) {
        this(plane, template, migrations, options, listener, null, null, null, null);
    }

    private FleetRollback(ControlPlane plane, TargetOptions template, LoadedMigrations migrations, FleetOptions options,
                          FleetListener listener, CommandLineStart start, String tenantColumn,
                          java.time.Duration checkWithin, TenantMergeGuard.Findings guarded) {
        SecretPlaceholderMask.register(plane, template);
        this.plane = plane;
        this.template = template;
        this.migrations = migrations;
        this.options = options;
        this.listener = listener;
        this.start = start;
        this.tenantColumn = tenantColumn;
        this.checkWithin = checkWithin;
        this.guarded = guarded;
    }

    /**
     * This rollback as the command line starts it: its {@code rollback.started} entry ends, as {@code deploy.started}'s
     * does, with what it was asked for ({@code --deployment D}, or the selection flag) and the host and process.
     */
    public FleetRollback fromCommandLine(CommandLineStart start) {
        return new FleetRollback(plane, template, migrations, options, listener, start, tenantColumn, checkWithin, guarded);
    }

    /**
     * This rollback on a shared schema whose rows say their tenant in {@code column} (null: not a shared schema): refused
     * before anything is recorded or runs when its down files would drop the column from tables holding the rows of more
     * than one tenant ({@link TenantMerge}), or when a target cannot be read to tell ({@link TenantMergeGuard}).
     */
    public FleetRollback guardingTenantColumn(String column) {
        return new FleetRollback(plane, template, migrations, options, listener, start, column, checkWithin, guarded);
    }

    /**
     * This rollback checking its targets before it is recorded (the merge guard's read, the newer migrations' look) with
     * each connection opened within {@code connectWithin} where that is shorter than deploy.connectTimeout: for a request
     * that must not hold its caller the full setting per server that does not answer (the console's and the API's button,
     * bounded as its confirmation page is). A target not read within it is refused unchecked, as any other.
     */
    public FleetRollback checkingWithin(java.time.Duration connectWithin) {
        return new FleetRollback(plane, template, migrations, options, listener, start, tenantColumn, connectWithin, guarded);
    }

    /**
     * This rollback taking what the merge guard found on its tenants just before ({@code findings}, read by {@link
     * TenantMergeGuard#check} for the same tenants and rollback, as the command line reads it before its question) instead
     * of reading their targets again: refused by them, and telling their notices, as by its own read.
     */
    public FleetRollback guardedBy(TenantMergeGuard.Findings findings) {
        return new FleetRollback(plane, template, migrations, options, listener, start, tenantColumn, checkWithin, findings);
    }

    /** Refuses, before anything is recorded or runs, a rollback that would merge tenants' rows or could not be checked. */
    private void refuseMergingTenants(Map<TenantId, List<MigrationVersion>> undo, List<TenantTarget> registered) {
        refuseMergingTenants(undo, registered, Map.of());
    }

    /** As above, the targets in {@code unread} (by target key) refused as not read without being read again. */
    private void refuseMergingTenants(Map<TenantId, List<MigrationVersion>> undo, List<TenantTarget> registered,
                                      Map<String, FlotillaException> unread) {
        TenantMergeGuard.Findings findings = guarded;
        if (findings == null) {
            Map<TenantId, RollbackRequest> requests = new LinkedHashMap<>();
            undo.forEach((tenant, versions) -> requests.put(tenant, RollbackRequest.versions(versions)));
            findings = new TenantMergeGuard(template, migrations, options.concurrency(), tenantColumn)
                    .readingWithin(options.perServer(), checkWithin)
                    .check(registered.stream().filter(t -> undo.containsKey(t.tenant().id())).toList(), requests, unread);
        }
        if (!findings.notices().isEmpty()) {
            listener.rollbackGuardNoticed(findings.notices());
        }
        findings.refuseAny();
    }

    /** Undoes what {@code deployment} applied. */
    public DeployResult deployment(String deployment, List<TenantTarget> registered) {
        Plan plan = plan(deployment);
        requireWholeTargets(deployment, plan.undo().keySet(), registered);
        Map<String, FlotillaException> unread = refuseWhereNewerIsApplied(plan.undo(), registered);
        refuseMergingTenants(plan.undo(), registered, unread);
        return start(plan.undo(), plan.waves(), deployment, registered, "undoes " + deployment);
    }

    /**
     * Refuses {@code rollback --deployment D} of only some tenants ({@code selected}), naming the commands that do it
     * instead ({@link PartialRollbackRefusal}).
     */
    public FlotillaException partOfDeployment(String deployment, List<TenantId> selected) {
        return PartialRollbackRefusal.of(deployment, plan(deployment).undo(), selected, migrations);
    }

    /**
     * Before a rollback deployment is created: a tenant where a later deployment applied newer migrations on top of the
     * ones to undo is named, with all others alike, and nothing runs (each task would refuse it, one by one, after).
     * Each target is read once for all its tenants (a shared schema's share one history). A target that cannot be read now
     * is left to what follows (the merge guard refuses it as not checked, else each task says why) and returned, by target
     * key, so that the guard does not wait for it again.
     */
    private Map<String, FlotillaException> refuseWhereNewerIsApplied(Map<TenantId, List<MigrationVersion>> undo,
                                                                     List<TenantTarget> registered) {
        List<TenantTarget> tenants = registered.stream().filter(t -> undo.containsKey(t.tenant().id())).toList();
        List<TenantTarget> targets = List.copyOf(TenantTarget.oneByTarget(tenants).values());
        HistoryReads.Reads reads = new HistoryReads.Reads(options.concurrency(), options.perServer(), checkWithin);
        List<Object> read = HistoryReads.each(template, migrations, reads, targets, (t, runner) -> {
            try {
                return runner.plan().appliedLastInstalledFirst();
            } catch (FlotillaException e) {
                return e;
            }
        });
        Map<String, List<MigrationStatus>> applied = new java.util.HashMap<>();
        Map<String, FlotillaException> unread = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            if (read.get(i) instanceof FlotillaException e) {
                unread.put(targets.get(i).targetKey(), e);
            } else {
                @SuppressWarnings("unchecked")
                List<MigrationStatus> statuses = (List<MigrationStatus>) read.get(i);
                applied.put(targets.get(i).targetKey(), statuses);
            }
        }
        List<String> newer = tenants.stream().filter(t -> applied.containsKey(t.targetKey()))
                .map(t -> RollbackSelection.installedOnTop(applied.get(t.targetKey()), undo.get(t.tenant().id())).stream()
                        .findFirst().map(s -> t.tenant().id() + " (" + s.version() + " applied on top)").orElse(null))
                .filter(java.util.Objects::nonNull).toList();
        if (!newer.isEmpty()) {
            throw new FlotillaException(ErrorCode.ROLLBACK_REFUSED, "Cannot roll back: a later deployment applied newer"
                    + " migrations on " + newer.size() + " tenant(s): " + String.join(", ", newer.stream().limit(20).toList())
                    + (newer.size() > 20 ? ", ..." : "") + ". Roll that deployment back first. Nothing was rolled back.");
        }
        return unread;
    }

    /**
     * What rolling {@code deployment} back would undo on each tenant it changed, without running anything; refused as the
     * rollback itself is when those tenants are only some of the tenants sharing a target.
     */
    public Map<TenantId, RollbackRequest> requests(String deployment, List<TenantTarget> registered) {
        Map<TenantId, RollbackRequest> requests = new LinkedHashMap<>();
        Plan plan = plan(deployment);
        requireWholeTargets(deployment, plan.undo().keySet(), registered);
        plan.undo().forEach((tenant, versions) -> requests.put(tenant, RollbackRequest.versions(versions)));
        return requests;
    }

    /**
     * Refuses, before anything runs (a dry run too), to roll back only some of the tenants sharing a target: there one
     * schema and one history serve them all, and a down file undoes the migration for every one of them.
     */
    public static void requireWholeTargets(List<TenantTarget> selected, List<TenantTarget> registered) {
        SharedTargets.requireWhole(selected, registered, ErrorCode.BAD_USAGE, "roll back", "its down files would undo"
                + " the migrations for every one of them", "Nothing was rolled back.");
    }

    private static void requireWholeTargets(String deployment, java.util.Set<TenantId> changed, List<TenantTarget> registered) {
        List<TenantTarget> selected = registered.stream().filter(t -> changed.contains(t.tenant().id())).toList();
        SharedTargets.requireWhole(selected, registered, ErrorCode.BAD_USAGE, "roll back " + deployment + " on",
                "its down files would undo the migrations for every one of them", "A deployment's rollback takes the tenants it"
                        + " changed alone: roll them all back with --steps N or --to VERSION instead. Nothing was rolled back.");
    }

    private record Plan(Map<TenantId, List<MigrationVersion>> undo, Map<TenantId, Integer> waves) {
    }

    private Plan plan(String deployment) {
        DeploymentRecord original = plane.deployments().require(deployment);
        if (original.rollback()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, deployment + " is itself a rollback (of " + original.rollsBack()
                    + "); deploy again instead of rolling a rollback back.");
        }
        if (original.status() == DeploymentStatus.RUNNING) {
            throw AliveDeployment.refusal(original, "rolled back");
        }
        java.util.Optional<DeploymentRecord> earlier = plane.deployments().rollbackOf(deployment);
        if (earlier.isPresent()) {
            // A second rollback would undo again what the first undid, or find nothing and call it success.
            DeploymentRecord rollback = earlier.get();
            String rolledBack = deployment + " was rolled back by " + rollback.id() + " (" + rollback.status().word() + ")";
            throw new FlotillaException(ErrorCode.BAD_USAGE, rollback.status() == DeploymentStatus.SUCCEEDED
                    ? Advice.plain(rolledBack + ".")
                    : Advice.of(rolledBack + "; continue that one: ", continuing(rollback.id()), "."));
        }
        List<TaskRecord> changed = plane.deployments().tasks(deployment).stream().filter(t -> !versions(t.applied()).isEmpty()).toList();
        if (changed.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Deployment " + deployment + " applied no versioned migration on"
                    + " any tenant: nothing to roll back.");
        }
        int lastWave = changed.stream().mapToInt(TaskRecord::wave).max().orElse(0);
        Map<TenantId, List<MigrationVersion>> undo = new LinkedHashMap<>();
        List<TaskRecord> reverseWaves = changed.stream().sorted(Comparator.comparingInt(TaskRecord::wave).reversed()).toList();
        reverseWaves.forEach(t -> undo.put(t.tenant(), versions(t.applied())));
        Map<TenantId, Integer> waves = new LinkedHashMap<>();
        // Waves from 1: wave 0 is a deployment's canary, which a rollback has not (its canaries go last).
        changed.forEach(t -> waves.put(t.tenant(), lastWave - t.wave() + 1));
        DownFiles.require(migrations, undo);
        return new Plan(undo, waves);
    }

    /**
     * The commands that continue an unfinished rollback: its failed tenants run again with deploy --retry-failed
     * (rollback --resume leaves them failed), its interrupted, pending and skipped ones with rollback --resume.
     */
    private Advice continuing(String rollback) {
        List<TaskRecord> tasks = plane.deployments().tasks(rollback);
        boolean failed = tasks.stream().anyMatch(t -> t.status() == TaskStatus.FAILED);
        boolean unfinished = tasks.stream().anyMatch(t -> t.status() != TaskStatus.FAILED && t.status() != TaskStatus.SUCCEEDED);
        Advice retry = Advice.of(Remedy.retryFailed(rollback), " undoes on its failed tenants what is left"
                + " to undo");
        Advice resume = Advice.of(Remedy.of("rollback", "--resume", rollback), " runs its " + (failed ? "unfinished"
                : "interrupted, pending and skipped") + " tenants");
        return failed && unfinished ? Advice.of(retry, ", and ", resume) : failed ? retry : resume;
    }

    /**
     * Rolls the selected tenants back by {@code request} ({@code --steps N} or {@code --to VERSION}); refused when they are
     * only some of the {@code registered} tenants sharing a target.
     */
    public DeployResult tenants(List<TenantTarget> tenants, List<TenantTarget> registered, RollbackRequest request) {
        requireWholeTargets(tenants, registered);
        List<TargetPlan> plans = readingHistories(tenants, (t, runner) -> runner.plan());
        Map<TenantId, List<MigrationVersion>> undo = new LinkedHashMap<>();
        Map<TenantId, Integer> waves = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tenants.size(); i++) {
            TenantId id = tenants.get(i).tenant().id();
            List<MigrationStatus> applied = plans.get(i).appliedLastInstalledFirst();
            List<MigrationStatus> chosen = request.steps() != null
                    ? applied.subList(0, Math.min(request.steps(), applied.size()))
                    : applied.stream().filter(s -> MigrationVersion.parse(s.version()).compareTo(request.toVersion()) > 0).toList();
            if (request.steps() != null && applied.size() < request.steps()) {
                problems.add(id + " has only " + applied.size() + " applied migration(s)");
            } else if (!chosen.isEmpty()) {
                undo.put(id, chosen.stream().map(s -> MigrationVersion.parse(s.version())).toList());
                waves.put(id, 1);
            }
        }
        if (!problems.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Cannot roll back " + request.steps() + " step(s): "
                    + String.join("; ", problems) + ". Nothing was rolled back.");
        }
        if (undo.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Nothing to roll back: no selected tenant has a migration above "
                    + request.toVersion() + ".");
        }
        refuseMergingTenants(undo, tenants);
        return start(undo, waves, null, tenants, request.text());
    }

    private <T> List<T> readingHistories(List<TenantTarget> tenants, BiFunction<TenantTarget, TargetRunner, T> read) {
        return HistoryReads.each(template, migrations, options.concurrency(), tenants, read);
    }

    /** Creates the rollback and runs it; {@code asked} (what it undoes: "undoes D", "to=2") goes in its start entry. */
    private DeployResult start(Map<TenantId, List<MigrationVersion>> undo, Map<TenantId, Integer> waves, String rollsBack,
                               List<TenantTarget> registered, String asked) {
        DownFiles.require(migrations, undo);
        List<DeploymentStore.NewTask> tasks = new ArrayList<>();
        undo.forEach((tenant, versions) -> tasks.add(new DeploymentStore.NewTask(tenant, waves.get(tenant),
                RollbackRequest.versions(versions).text())));
        // Recorded so that its resume runs as it started: without the tenant hooks if it did (backups: see RecordedOptions).
        String id = plane.deployments().create("rollback", rollsBack, options.actor(), RecordedOptions.writtenForRollback(
                rollsBack == null ? "rollback of selected tenants" : "rollback of " + rollsBack, options), tasks);
        plane.audit().record(options.actor(), "rollback.started", null, id, tasks.size() + " tenant(s); " + asked
                + (options.hooks().maintenanceOff() ? "; " + RecordedOptions.MAINTENANCE_OFF_WORD : "")
                + (start == null ? "" : "; " + start.asked()));
        return new FleetRunner(plane, template, migrations, options, listener).resumeNew(id, registered);
    }

    /** The versioned migrations among a task's applied list (repeatable scripts have no down file), newest first. */
    private static List<MigrationVersion> versions(List<String> applied) {
        List<MigrationVersion> versions = new ArrayList<>();
        for (String entry : applied) {
            if (!entry.endsWith(".sql")) {
                versions.add(MigrationVersion.parse(entry));
            }
        }
        versions.sort(Comparator.reverseOrder());
        return versions;
    }
}
