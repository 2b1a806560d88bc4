package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's tenants: listed a page at a time (by id or name containing {@code q}, in {@code group}), one by id, and
 * provisioned (as {@code flotilla tenants create}).
 */
final class TenantApiRoutes {
    private final Console console;

    TenantApiRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/api/v1/tenants", this::tenants);
        app.get("/api/v1/tenants/{id}", this::tenant);
        app.post("/api/v1/tenants", RefusedAttempts.as("tenant.create.requested", RefusedAttempts.PathId.NONE, this::createTenant));
    }

    private void tenants(Context ctx) {
        int offset = ApiRoutes.offset(ctx);
        int limit = ApiRoutes.limit(ctx, 100);
        var store = console.fleet().plane().tenants();
        String q = ctx.queryParam("q");
        String group = ctx.queryParam("group");
        ctx.json(Map.of("total", store.count(q, group), "offset", offset,
                "tenants", store.page(q, group, offset, limit).stream().map(this::tenantJson).toList()));
    }

    private void tenant(Context ctx) {
        TenantRecord record = console.fleet().plane().tenants().find(TenantId.of(ctx.pathParam("id")))
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.TENANT_NOT_FOUND,
                        "No tenant " + ctx.pathParam("id") + " is registered."));
        ctx.json(tenantJson(record));
    }

    /**
     * The body of a tenant to provision: {@code {"id": "acme", "name": "..", "groups": [..], "baseline": true}}; {@code url}
     * and {@code schema} its own, as {@code tenants create --url/--schema} (a relative SQLite or H2 file is in the folder
     * of flotilla.yml); {@code user} with {@code passwordEnv} (or {@code passwordFile}) its own login, as {@code --user
     * --password-env}: the variable's name is stored, never a password.
     */
    record NewTenant(String id, String name, List<String> groups, boolean baseline, String fromTenant, String url, String schema,
                     String user, String passwordEnv, String passwordFile) {
    }

    private void createTenant(Context ctx) {
        console.require(ctx, Role.Permission.CREATE_TENANTS);
        NewTenant body = ApiRoutes.body(ctx, NewTenant.class);
        if (body.id() == null) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE, "Name the tenant: {\"id\": \"acme\"}.");
        }
        var tenant = new dev.flotilla.tenant.Tenant(TenantId.of(body.id()), body.name(), body.url(), body.schema(),
                body.groups() == null ? List.of() : body.groups(),
                new dev.flotilla.tenant.TenantCredentials(body.user(), body.passwordEnv(), body.passwordFile()));
        var result = console.actions().provision(Console.principal(ctx), tenant, body.baseline(),
                body.fromTenant() == null ? null : TenantId.of(body.fromTenant()));
        TenantRecord record = console.fleet().plane().tenants().find(result.tenant()).orElseThrow();
        Map<String, Object> json = new LinkedHashMap<>(tenantJson(record));
        json.put("how", result.how());
        json.put("fingerprint", result.fingerprint());
        json.put("timeMs", result.millis());
        ctx.status(201).header("Location", "/api/v1/tenants/" + result.tenant().value()).json(json);
    }

    private Map<String, Object> tenantJson(TenantRecord r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.tenant().id().value());
        json.put("name", r.tenant().name());
        json.put("groups", r.tenant().groups());
        json.put("target", console.fleet().tenancy().displayNameOf(r.tenant())); // no password (file) read to name it
        json.putAll(r.tenant().credentials().shown());
        json.put("status", r.status());
        json.put("currentVersion", r.currentVersion());
        json.put("pending", r.pendingCount()); // deprecated (README): pendingCount; removed in 1.0
        json.put("pendingCount", r.pendingCount()); // the name plan and status --fleet give the count too
        json.put("lastDeployment", r.lastDeployment());
        json.put("lastError", r.lastError());
        json.put("updatedAt", r.updatedAt());
        json.put("checkedAt", r.checkedAt()); // null: never read since it was registered
        return json;
    }
}
