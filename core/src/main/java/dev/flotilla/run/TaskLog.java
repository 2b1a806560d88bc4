package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * Writes a run's report as the plain-text log kept with a deployment task: one line per migration and statement,
 * each migration's as it ends ({@link #migration}), then the run's notices and outcome ({@link #outcome}).
 */
final class TaskLog {
    private TaskLog() {
    }

    /**
     * The lines of one migration run: its outcome and time, each statement's, its error, the commands it names for
     * {@code tenants}, those the task is for (several when they share its target), in {@code deployment}: a statement's
     * failure is written for its target, its retry naming {@link dev.flotilla.plan.Remedy#THIS_DEPLOYMENT}.
     */
    static void migration(StringBuilder log, MigrationRun run, List<TenantId> tenants, String deployment) {
        migration(log, run, dev.flotilla.schema.SchemaChanges.NONE, false, tenants, deployment);
    }

    /**
     * As above, with what its statements that took effect created and dropped ({@link KeptObjects}), a line per kind
     * after its statements' ({@code   tables created: a, b}; a {@code rollback}'s down file's {@code   tables restored:
     * a}): what the deployment's results read back.
     */
    static void migration(StringBuilder log, MigrationRun run, dev.flotilla.schema.SchemaChanges changes, boolean rollback,
                          List<TenantId> tenants, String deployment) {
        log.append(run.script()).append(": ").append(run.outcome().name().toLowerCase()).append(" in ")
                .append(run.millis()).append(" ms\n");
        for (StatementRun statement : run.statements()) {
            log.append("  #").append(statement.index()).append(" line ").append(statement.line()).append(": ")
                    .append(statement.millis()).append(" ms");
            if (statement.rowsAffected() >= 0) {
                log.append(", ").append(statement.rowsAffected()).append(" row(s)");
            }
            log.append('\n');
        }
        changes.appendTo(log, rollback);
        if (run.failed()) {
            log.append("  error: ").append(run.advice() == null ? run.error()
                            : run.advice().inDeployment(deployment).forTenants(tenants).text())
                    .append('\n');
        }
    }

    /**
     * What the report says besides its migrations' lines (written as they ran): notices, an error, up to date; the
     * commands they name are for {@code tenants} of the fleet, those the task is for (several when they share its
     * target: the log is theirs, and a command for one of them alone would read as if the others were not concerned),
     * in {@code deployment}.
     */
    static void outcome(StringBuilder log, RunReport report, List<TenantId> tenants, String deployment) {
        // Loops, and each text appended to the log as it is written: this runs for every tenant of a deployment.
        for (Advice notice : report.advisedNotices()) {
            notice.inDeployment(deployment).forTenants(tenants).appendTo(log.append("notice: ")).append('\n');
        }
        if (!anyFailed(report.migrations())) {
            for (Problem problem : report.problems()) {
                problem.advice().inDeployment(deployment).forTenants(tenants).appendTo(log.append("error: ")).append('\n');
            }
        }
        if (report.ok() && report.migrations().isEmpty()) {
            log.append("up to date: nothing to apply\n");
        }
    }

    private static boolean anyFailed(List<MigrationRun> migrations) {
        for (MigrationRun migration : migrations) {
            if (migration.failed()) {
                return true;
            }
        }
        return false;
    }
}
