package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import java.util.List;

/**
 * What a task's end records for a tenant: its status, error and state, and the version it is at.
 *
 * @param failure why the task failed for the tenant, null when it did not
 * @param commands those {@code error} tells to run, written for the tenant, as they run; empty when none
 * @param versionKnown whether {@code version} is known (null then meaning no version is left), or the control plane
 *     keeps the version it knew
 * @param pending the migrations pending after the task, as {@code plan} counts them; null when not known
 */
record TaskOutcome(TaskFailure failure, TaskStatus status, String error, List<String> commands, String state,
                   String version, boolean versionKnown, Integer pending) {
    /**
     * The outcome for a tenant of {@code group} of a deploy (or, with {@code rollback}, a rollback) that applied (or
     * undid) {@code applied} and ended with {@code failure} (null when it succeeded), for {@code tenant}, one of the group.
     *
     * @param plane where the outcome is kept, its own password masked in it as the tenants' are
     * @param beyondCeiling versioned files after the deployment's ceiling: pending still once it succeeded
     */
    static TaskOutcome of(dev.flotilla.control.ControlPlane plane, TenantTarget tenant, List<TenantTarget> group,
                          TaskFailure failure, List<String> applied, RunProgress progress, boolean rollback, int beyondCeiling,
                          LoadedMigrations migrations) {
        TaskStatus status = failure == null ? TaskStatus.SUCCEEDED : TaskStatus.FAILED;
        // The commands it names are for this tenant of the fleet: `flotilla repair --tenants <it>`.
        // A refused login is followed by whose login to fix, as plan and verify say it; a group shares its target's login.
        Advice advice = failure == null ? null
                : LoginRefused.reason(failure.advice(), failure.code(), tenant, group).forTenant(tenant.tenant().id());
        String error = advice == null ? null : TenantTarget.scrubbed(plane, group, advice.text());
        List<String> commands = advice == null ? List.of()
                : advice.commands().stream().map(c -> TenantTarget.scrubbed(plane, group, c)).toList();
        boolean upToDate = !rollback && (failure == null || failure.code() == ErrorCode.CHECK_FAILED);
        // Deployed "up to" a version, a tenant still has the files after it to go.
        String state = failure == null ? (rollback ? "rolled-back" : beyondCeiling > 0 ? "pending" : "up-to-date")
                : failure.code() == ErrorCode.CHECK_FAILED ? "failed-verification" : "failed";
        boolean rolledBack = failure == null && rollback;
        String version = upToDate ? latestVersion(migrations) : rolledBack ? progress.versionAfterRollback
                : !rollback ? lastVersionIn(applied, migrations) : null;
        // Null after a whole rollback means no version is left; after a failure with nothing applied, that none was learned.
        boolean versionKnown = upToDate || rolledBack || version != null;
        // Boxed on purpose: a conditional of int and null would unbox the null and fail the record.
        // A failed migration is not applied: it counts as pending, with every version after it; read after the failure
        // when it could be, also where this run applied nothing (the tenant's version then kept, its count not null).
        Integer pending = upToDate ? Integer.valueOf(beyondCeiling) : rolledBack ? Integer.valueOf(progress.pendingAfterRollback)
                : rollback ? null : progress.pendingAfterFailure != null ? progress.pendingAfterFailure
                : version != null ? Integer.valueOf(versionsAbove(version, migrations) + beyondCeiling) : null;
        return new TaskOutcome(failure, status, error, commands, state, version, versionKnown, pending);
    }

    /**
     * The newest version a deploy that failed part way applied before it failed, or null when it applied none (the
     * control plane keeps the version it knew): migrations before the failed one stay applied, and the tenant is at the last of them.
     */
    private static String lastVersionIn(List<String> applied, LoadedMigrations migrations) {
        java.util.Set<String> versions = migrations.versioned().stream().map(m -> m.version().toString())
                .collect(java.util.stream.Collectors.toSet());
        String last = null;
        for (String done : applied) {
            last = versions.contains(done) ? done : last;
        }
        return last;
    }

    /** The versioned files after {@code version} (all of them after none). */
    private static int versionsAbove(String version, LoadedMigrations migrations) {
        MigrationVersion at = version == null ? null : MigrationVersion.parse(version);
        return (int) migrations.versioned().stream().filter(m -> at == null || m.version().compareTo(at) > 0).count();
    }

    private static String latestVersion(LoadedMigrations migrations) {
        List<Migration> versioned = migrations.versioned();
        return versioned.isEmpty() ? null : versioned.get(versioned.size() - 1).version().toString();
    }
}
