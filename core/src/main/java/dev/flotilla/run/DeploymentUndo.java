package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rolling one deployment back undoes: on each tenant it changed, the versioned migrations it applied there, newest
 * first ({@code undo}, tenants in reverse wave order), and each tenant's wave in the rollback ({@code waves}, from 1: the
 * deployment's last wave first, its canaries last). Refused for a rollback, a running deployment, one rolled back
 * already, and one that applied nothing.
 */
record DeploymentUndo(Map<TenantId, List<MigrationVersion>> undo, Map<TenantId, Integer> waves) {
    /** What rolling {@code deployment} back undoes; refused as above. Its down files are checked to be there. */
    static DeploymentUndo of(ControlPlane plane, LoadedMigrations migrations, String deployment) {
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
                    : Advice.of(rolledBack + "; continue that one: ", continuing(plane, rollback.id()), "."));
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
        return new DeploymentUndo(undo, waves);
    }

    /**
     * The commands that continue an unfinished rollback: its failed tenants run again with deploy --retry-failed
     * (rollback --resume leaves them failed), its interrupted, pending and skipped ones with rollback --resume.
     */
    private static Advice continuing(ControlPlane plane, String rollback) {
        List<TaskRecord> tasks = plane.deployments().tasks(rollback);
        boolean failed = tasks.stream().anyMatch(t -> t.status() == TaskStatus.FAILED);
        boolean unfinished = tasks.stream().anyMatch(t -> t.status() != TaskStatus.FAILED && t.status() != TaskStatus.SUCCEEDED);
        Advice retry = Advice.of(Remedy.retryFailed(rollback), " undoes on its failed tenants what is left"
                + " to undo");
        Advice resume = Advice.of(Remedy.of("rollback", "--resume", rollback), " runs its " + (failed ? "unfinished"
                : "interrupted, pending and skipped") + " tenants");
        return failed && unfinished ? Advice.of(retry, ", and ", resume) : failed ? retry : resume;
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
