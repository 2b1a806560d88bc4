package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import java.util.List;

/**
 * The afterTenant hooks of a task's tenants, run once its migrations (or its rollback) ended, whatever became of them:
 * one whose beforeTenant failed too, so a maintenance switch half turned on is turned off.
 */
final class AfterTenantHooks {
    private final Hooks hooks;
    private final String deployment;
    private final boolean rollback;

    AfterTenantHooks(Hooks hooks, String deployment, boolean rollback) {
        this.hooks = hooks;
        this.deployment = deployment;
        this.rollback = rollback;
    }

    /**
     * Runs the hook of each tenant of {@code hooked}; the first that fails fails a task that had not failed, saying what
     * the task itself did and how the hook runs again. Its own message is not read for commands: one it names is the
     * hook's command line, as configured.
     *
     * @param failure why the task failed before its hooks, null when it did not
     * @param applied what the task applied (or, in a rollback, undid)
     * @return why the task failed, null when it did not
     */
    TaskFailure run(List<TenantTarget> hooked, TaskFailure failure, List<String> applied, StringBuilder log) {
        for (TenantTarget tenant : hooked) {
            try {
                HookRunner.run(hooks.afterTenant(), "afterTenant", tenant.tenant().id().value(), deployment);
            } catch (FlotillaException e) {
                log.append("error: ").append(e.getMessage()).append('\n');
                failure = failure != null ? failure : new TaskFailure(e.code(), Advice.of(e.advice(),
                        e.getMessage().endsWith(".") ? "" : ".", afterFailed(applied)), null);
            }
        }
        return failure;
    }

    /**
     * What stands once the hook failed: the migrations the task applied (or the versions its rollback undid), and how
     * the hook runs again: {@code deploy --retry-failed} runs the tenant's task, its hooks around it, with nothing left
     * to apply (a rollback's task undoes only the versions its deployment applied that are not undone yet: none). The
     * command is a value, so the hook's own message, which may quote a command line, is never read for commands.
     */
    private Advice afterFailed(List<String> applied) {
        String stands = rollback
                ? " The rollback itself succeeded" + (applied.isEmpty() ? " (nothing to undo)" : " (undone: "
                + String.join(", ", applied) + ")")
                : applied.isEmpty() ? " Nothing was pending, so no migration ran"
                : " The migrations themselves were applied (" + String.join(", ", applied) + ")";
        String what = rollback ? "rollback" : "deployment";
        return Advice.of(stands + ". Once the hook's work is done by hand, or the hook is fixed, ",
                Remedy.retryFailed(deployment), " runs the " + what + "'s failed tenants again: this one's"
                + " hooks, with nothing left to " + (rollback ? "undo." : "apply."));
    }
}
