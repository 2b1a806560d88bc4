package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * Restoring a tenant from one of its backups (listed on its page): a confirmation naming the tenant and the backup (and
 * the tenants sharing its target, restored with it), then the restore in the background with a page that polls for its
 * result. platform_super_admin only.
 */
final class BackupRoutes {
    private final Console console;

    BackupRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/tenants/{id}/restore", RefusedAttempts.about(RefusedAttempts.PathId.TENANT, this::confirm));
        app.post("/tenants/{id}/restore", RefusedAttempts.as("restore.requested", RefusedAttempts.PathId.TENANT, this::restore));
        app.get("/restores/{job}", ctx -> console.page(ctx, "restore.jte", "Restore", "tenants", "job", find(ctx)));
        app.get("/restores/{job}/result", ctx -> console.fragment(ctx, "restore_result.jte", "job", find(ctx)));
    }

    private void confirm(Context ctx) {
        console.require(ctx, Role.Permission.RESTORE);
        TenantRecord tenant = tenant(ctx);
        BackupRecord backup = backup(tenant.tenant().id(), ctx.queryParam("backup"));
        console.page(ctx, "restore_confirm.jte", "Restore " + tenant.tenant().id(), "tenants", "tenant", tenant, "backup", backup,
                "sharing", console.actions().tenantWork().restoredTogether(tenant.tenant().id()).stream().map(TenantId::value).toList());
    }

    private void restore(Context ctx) {
        console.require(ctx, Role.Permission.RESTORE);
        TenantRecord tenant = tenant(ctx);
        TenantId id = tenant.tenant().id();
        String backup = ctx.formParam("backup");
        if (backup == null || backup.isBlank()) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "Name the backup to restore " + id + " from (its page lists them).");
        }
        // The tenant and those sharing its target, restored together, the fleet read once.
        Console.go(ctx, "/restores/" + console.actions().tenantWork().startRestoreSharing(Console.principal(ctx), backup, id).id());
    }

    private TenantRecord tenant(Context ctx) {
        TenantId id = TenantId.of(ctx.pathParam("id"));
        return console.fleet().plane().tenants().find(id)
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.TENANT_NOT_FOUND,
                        "No tenant " + id + " is registered."));
    }

    private BackupRecord backup(TenantId tenant, String backup) {
        return console.fleet().plane().backups().find(backup == null ? "" : backup, tenant)
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                        "No backup " + backup + " of " + tenant
                        + " is kept; the tenant's page lists its backups."));
    }

    private dev.flotilla.web.fleet.FleetJobs.Job<?> find(Context ctx) {
        return console.actions().tenantWork().restores().find(ctx.pathParam("job")).orElseThrow(() -> new Console.Refusal(404,
                "Not found", ErrorCode.BAD_USAGE,
                "That restore is no longer kept (the console keeps its newest ones until it restarts); the audit log has it."));
    }
}
