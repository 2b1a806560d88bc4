package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;

/**
 * A tenant's beforeTenant hook, run before anything reaches its target; when it fails, the task's error says that nothing
 * was applied (or undone) and names the retry that runs the tenant's hooks and task again as a value, so the hook's own
 * message, which may quote a command line, is never read for commands and rewritten for the tenant.
 */
final class BeforeTenantHook {
    private BeforeTenantHook() {
    }

    static void run(String hook, String tenant, String deployment, boolean rollback) {
        try {
            HookRunner.run(hook, "beforeTenant", tenant, deployment);
        } catch (FlotillaException e) {
            String failed = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
            throw new FlotillaException(e.code(), Advice.of(failed + " Nothing was " + (rollback ? "undone" : "applied")
                    + " on it. Once the hook is fixed, ", Remedy.retryFailed(deployment), " runs the "
                    + (rollback ? "rollback" : "deployment") + "'s failed tenants again, their hooks with them."), e);
        }
    }
}
