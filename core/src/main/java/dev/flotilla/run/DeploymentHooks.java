package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import java.util.List;

/**
 * The hooks around one run of a deployment (or rollback): {@code beforeDeployment} before any tenant starts,
 * {@code afterDeployment} once every tenant's task has ended. A failure quotes what the hook printed with every
 * tenant's password masked (a hook may print what it was given).
 */
final class DeploymentHooks {
    private final ControlPlane plane;
    private final FleetOptions options;
    private final DeploymentRecord deployment;
    private final List<TenantTarget> registered;

    DeploymentHooks(ControlPlane plane, FleetOptions options, DeploymentRecord deployment, List<TenantTarget> registered) {
        this.plane = plane;
        this.options = options;
        this.deployment = deployment;
        this.registered = registered;
    }

    /**
     * Runs {@code beforeDeployment}. Its failure ends the deployment failed before anything ran, its tasks pending for a
     * {@code --resume} once the hook is fixed, and is thrown saying so, that resume a value ({@code rollback --resume}
     * for a rollback); the hook's own message is not read for commands.
     */
    void before() {
        try {
            run(options.hooks().beforeDeployment(), "beforeDeployment");
        } catch (FlotillaException e) {
            String kind = deployment.rollback() ? "rollback" : "deploy";
            plane.audit().record(options.actor(), kind + ".finished", null, deployment.id(), "beforeDeployment hook failed",
                    "failed", null);
            plane.deployments().finish(deployment.id(), DeploymentStatus.FAILED);
            String failed = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
            throw new FlotillaException(e.code(), Advice.of(failed + " Nothing ran: " + deployment.id() + " ended"
                    + " failed with every tenant pending; fix the hook, then ", Remedy.of(kind, "--resume", deployment.id()),
                    "."), e);
        }
    }

    /**
     * Runs {@code afterDeployment}: its failure, null when it succeeded or there is none. Every tenant's task has ended as
     * it ended, so the deployment is still finished (failed), not left "running".
     */
    Problem after() {
        try {
            run(options.hooks().afterDeployment(), "afterDeployment");
            return null;
        } catch (FlotillaException e) {
            return new Problem(e.code(), e.getMessage() + " Every tenant's migrations ran as reported; run the hook's work"
                    + " by hand.", null);
        }
    }

    private void run(String hook, String event) {
        try {
            HookRunner.run(hook, event, null, deployment.id());
        } catch (FlotillaException e) {
            throw new FlotillaException(e.code(), TenantTarget.scrubbed(plane, registered, e.getMessage()));
        }
    }
}
