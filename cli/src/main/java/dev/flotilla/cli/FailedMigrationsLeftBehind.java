package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TaskStatus;

/**
 * After `rollback --deployment`: the tenants where the deployment's migration failed. A rollback undoes what was
 * applied, not the part of a failed migration a database without transactional DDL kept; those need the hand of
 * `flotilla repair`.
 */
final class FailedMigrationsLeftBehind {
    private FailedMigrationsLeftBehind() {
    }

    static void warn(Output output, ControlPlane plane, String rolledBack) {
        plane.deployments().tasks(rolledBack).stream().filter(t -> t.status() == TaskStatus.FAILED)
                .filter(t -> migrationFailed(t.code()))
                .forEach(t -> output.warn(t.tenant() + " failed in " + rolledBack + " and its failed migration is not undone by"
                        + " this rollback: `flotilla status` on it shows what was recorded (a database without transactional"
                        + " DDL keeps the statements before the one that failed); undo them by hand and run `flotilla repair`."));
    }

    /**
     * Whether a task's failure could have left part of a migration behind: not a check that failed after the migrations
     * were applied (the rollback undoes them all), nor a hook, backup or connection that failed before any ran.
     */
    private static boolean migrationFailed(ErrorCode code) {
        return code == null || switch (code) {
            case CHECK_FAILED, HOOK_FAILED, BACKUP_FAILED, CONNECTION_FAILED, AUTHENTICATION_FAILED, TARGET_MISSING,
                 TENANT_NOT_FOUND, CHECKSUM_MISMATCH, MISSING_MIGRATION_FILE, OUT_OF_ORDER, FK_PARENT_MISMATCH -> false;
            default -> true;
        };
    }
}
