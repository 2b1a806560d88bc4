package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
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
        DeploymentUndo plan = DeploymentUndo.of(plane, migrations, deployment);
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
        return PartialRollbackRefusal.of(deployment, DeploymentUndo.of(plane, migrations, deployment).undo(), selected, migrations);
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
        DeploymentUndo plan = DeploymentUndo.of(plane, migrations, deployment);
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
}
