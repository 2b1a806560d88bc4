package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.run.FleetRestore;
import dev.flotilla.run.TenantRestore;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.web.RefusedAttempts.PathId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * Restoring every tenant of a deployment from the backups taken before it, as {@code flotilla restore --deployment ID}
 * does: from the deployment's page, after a confirmation asking in the command line's words, and from the API
 * ({@code POST /api/v1/deployments/{id}/restore}). platform_super_admin only. It runs in the background and shows its
 * progress and result as a tenant's restore does ({@link BackupRoutes}, {@link BackupApiRoutes}).
 */
final class DeploymentRestoreRoutes {
    private final Console console;

    DeploymentRestoreRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/deployments/{id}/restore", RefusedAttempts.about(PathId.DEPLOYMENT, this::confirm));
        app.post("/deployments/{id}/restore", RefusedAttempts.as("restore.requested", PathId.DEPLOYMENT,
                ctx -> Console.go(ctx, "/restores/" + start(ctx).id())));
        app.post("/api/v1/deployments/{id}/restore", RefusedAttempts.as("restore.requested", PathId.DEPLOYMENT, ctx -> {
            FleetJobs.Job<List<TenantRestore>> job = start(ctx);
            ctx.status(202).header("Location", "/api/v1/restores/" + job.id()).json(BackupApiRoutes.json(job));
        }));
    }

    /** Asks first, as {@code restore --deployment} does, naming the tenants it replaces; nothing is restored or audited. */
    private void confirm(Context ctx) {
        console.require(ctx, Role.Permission.RESTORE);
        DeploymentRecord deployment = require(ctx);
        List<TenantTarget> tenants = console.actions().tenantWork().restorableFrom(deployment.id());
        console.page(ctx, "deployment_restore_confirm.jte", "Restore the tenants of " + deployment.id(), "deployments",
                "deployment", deployment, "question", "Replace " + FleetRestore.replacing(tenants, "the backups taken before "
                + deployment.id()) + "?", "tenants", tenants.stream().map(t -> t.tenant().id().value()).toList());
    }

    private FleetJobs.Job<List<TenantRestore>> start(Context ctx) {
        console.require(ctx, Role.Permission.RESTORE);
        return console.actions().tenantWork().startDeploymentRestore(Console.principal(ctx), require(ctx).id());
    }

    private DeploymentRecord require(Context ctx) {
        String id = ctx.pathParam("id");
        return console.fleet().plane().deployments().find(id)
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE, "No deployment " + id + "."));
    }
}
