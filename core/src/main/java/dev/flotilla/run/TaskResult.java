package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.util.List;

/**
 * How one tenant's task ended in a deployment.
 *
 * @param target where the tenant lives, as {@link dev.flotilla.target.TargetSpec#displayName()} says it (no secret):
 *     the same for every tenant sharing a schema, whose findings schema-wide by nature are that target's; null when
 *     the tenant is no longer registered, so no target is known
 * @param applied versions (or scripts, for repeatables) applied by this task
 * @param code what kind of failure, null unless failed
 * @param error null unless failed
 * @param migration the version (or script, for repeatables) the failure is about, null when it is about none; for a
 *     check that failed after the migrations ({@code CHECK_FAILED}), the last this task applied
 * @param check the id of the check that failed ({@code CHECK_FAILED}: the first, when several did), null otherwise
 * @param commands the commands {@code error} tells to run, written for this tenant of the fleet ({@code --tenants}, or
 *     the deployment they continue), as they run ({@link dev.flotilla.plan.Remedy#commandLine}); empty when it names none
 * @param checks how the checks after the migrations ended for this tenant; null when none ran (none configured, a
 *     rollback, the migrations failed, or the checks could not run)
 */
public record TaskResult(TenantId tenant, String target, TaskStatus status, List<String> applied, long millis, int attempts, ErrorCode code,
                         String error, String migration, String check, List<String> commands, CheckTally checks) {
    public TaskResult {
        applied = List.copyOf(applied);
        commands = List.copyOf(commands);
    }

    /** A result of a task after which no checks ran. */
    public TaskResult(TenantId tenant, String target, TaskStatus status, List<String> applied, long millis, int attempts,
                      ErrorCode code, String error, String migration, String check, List<String> commands) {
        this(tenant, target, status, applied, millis, attempts, code, error, migration, check, commands, null);
    }

    /** A result whose error names no command to run as a value. */
    public TaskResult(TenantId tenant, String target, TaskStatus status, List<String> applied, long millis, int attempts,
                      ErrorCode code, String error, String migration, String check) {
        this(tenant, target, status, applied, millis, attempts, code, error, migration, check, List.of());
    }

    /** A result that is no check's failure, and whose error names no command as a value. */
    public TaskResult(TenantId tenant, String target, TaskStatus status, List<String> applied, long millis, int attempts,
                      ErrorCode code, String error, String migration) {
        this(tenant, target, status, applied, millis, attempts, code, error, migration, null);
    }
}
