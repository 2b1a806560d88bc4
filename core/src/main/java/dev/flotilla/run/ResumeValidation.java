package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files checked, before a resume or a retry reopens anything, on the tenants it would run again, as a new deploy
 * checks them on its own ({@link FleetValidation}): an applied file edited, gone or out of order would fail each of them
 * one by one. A rollback's tasks undo and are not planned. Reads the tenants' histories only. Stateless.
 */
final class ResumeValidation {
    private ResumeValidation() {
    }

    /**
     * Refuses ({@link FilesRefusal}) a resume, or with {@code failedOnly} a retry, of {@code record} whose tenants to run
     * again the files are wrong on, planned as the run would: with {@code template}'s policy and {@code migrations}. The
     * plans of the tenants it would run again, those no longer registered left out; none for a rollback.
     */
    static List<TenantPlan> require(DeploymentRecord record, List<TaskRecord> tasks, boolean failedOnly, List<TenantTarget> registered,
                        TargetOptions template, LoadedMigrations migrations, FleetOptions options) {
        if (record.rollback()) {
            return List.of();
        }
        Set<TenantId> reopened = tasks.stream().filter(t -> ResumeRefusal.reopened(failedOnly).contains(t.status()))
                .map(TaskRecord::tenant).collect(Collectors.toSet());
        Map<TenantId, TenantTarget> byId = registered.stream()
                .collect(Collectors.toMap(t -> t.tenant().id(), Function.identity(), (a, b) -> a));
        // A tenant no longer registered has nothing to plan: its run fails it, saying so.
        List<TenantTarget> running = tasks.stream().map(TaskRecord::tenant).filter(reopened::contains).distinct()
                .map(byId::get).filter(java.util.Objects::nonNull).toList();
        if (running.isEmpty()) {
            return List.of();
        }
        List<TenantPlan> plans = new FleetPlanner(template, migrations, options.concurrency(), options.perServer()).plan(running);
        FleetValidation.require(plans, migrations, null, FleetValidation.Refused.continuing(record.id(), failedOnly));
        return plans;
    }
}
