package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.run.TenantRestore;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's backups (listed as {@code flotilla backups list --json} lists them) and restores (platform_super_admin; in
 * the background, answered 202 with a Location to poll).
 */
final class BackupApiRoutes {
    private final Console console;

    BackupApiRoutes(Console console) {
        this.console = console;
    }

    /** The body of a restore: the backup, and the tenants to put back as it holds them, by id. */
    record RestoreRequest(String backup, List<String> tenants) {
    }

    void register(Javalin app) {
        app.get("/api/v1/backups", this::backups);
        app.post("/api/v1/restores", RefusedAttempts.as("restore.requested", RefusedAttempts.PathId.NONE, this::restore));
        app.get("/api/v1/restores/{id}", ctx -> ctx.json(json(console.actions().tenantWork().restores().find(ctx.pathParam("id"))
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                        "No restore " + ctx.pathParam("id") + " is kept (the"
                        + " console keeps its newest ones until it restarts); the audit log has it.")))));
    }

    private void backups(Context ctx) {
        String tenant = ctx.queryParam("tenant");
        int limit = ApiRoutes.limit(ctx, 50);
        List<BackupRecord> backups = console.fleet().plane().backups().newest(tenant == null ? null : TenantId.of(tenant), limit);
        ctx.json(Map.of("backups", backups.stream().map(BackupRecord::asMap).toList()));
    }

    private void restore(Context ctx) {
        console.require(ctx, Role.Permission.RESTORE);
        RestoreRequest request = ApiRoutes.body(ctx, RestoreRequest.class);
        if (request.backup() == null || request.backup().isBlank() || request.tenants() == null || request.tenants().isEmpty()) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "Name the backup and the tenants to put back as it holds them:"
                    + " {\"backup\": \"<id>\", \"tenants\": [\"acme\"]} (GET /api/v1/backups?tenant=acme lists its backups).");
        }
        FleetJobs.Job<List<TenantRestore>> job = console.actions().tenantWork().startRestore(Console.principal(ctx), request.backup(),
                request.tenants().stream().distinct().map(TenantId::of).toList());
        ctx.status(202).header("Location", "/api/v1/restores/" + job.id()).json(json(job));
    }

    /**
     * A restore as the API shows it: a job of {@link CheckApiRoutes#json}'s shape, each tenant with its backup and, as
     * {@code flotilla restore --json} says it, how long it waited for whom holding the target lock ({@code waited}).
     */
    static Map<String, Object> json(FleetJobs.Job<List<TenantRestore>> job) {
        return CheckApiRoutes.json(job, results -> Map.of("tenants", results.stream().map(r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", r.tenant().value());
            entry.put("ok", r.ok());
            entry.put("backup", r.backup());
            entry.put("error", r.error());
            entry.put("waited", r.waited());
            return entry;
        }).toList()));
    }
}
