package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.AuditLog;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.fleet.MigrationFiles;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The REST API under /api/v1: what the wizard does, as JSON, for CI with a personal token. Described by
 * /api/v1/openapi.json. Its tenants are {@link TenantApiRoutes}, its dry runs and deployments {@link DeploymentApiRoutes};
 * here the rest, and what they all read requests with: a JSON body, a page's offset and limit.
 */
final class ApiRoutes {
    private static final int MAX_LIMIT = 500;

    private final Console console;

    ApiRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/api/v1/openapi.json", this::openApi);
        app.get("/api/v1/me", ctx -> ctx.json(Map.of("user", who(ctx).user(), "role", who(ctx).role().word())));
        app.get("/api/v1/migrations", ctx -> ctx.json(MigrationFiles.list(console.fleet())));
        new PlanApiRoutes(console).register(app);
        new TenantApiRoutes(console).register(app);
        new DeploymentApiRoutes(console).register(app);
        app.get("/api/v1/audit", this::audit);
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/dev/flotilla/web/openapi.json")) {
            ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void audit(Context ctx) {
        // "actor" is the earlier builds' name for "user": a script still sending it gets its filter, not every entry.
        String user = ctx.queryParam("user") != null ? ctx.queryParam("user") : ctx.queryParam("actor");
        AuditLog.Filter filter = new AuditLog.Filter(user, ctx.queryParam("action"), ctx.queryParam("tenant"));
        int offset = offset(ctx);
        int limit = limit(ctx, 100);
        AuditLog audit = console.fleet().plane().audit();
        ctx.json(Map.of("total", audit.count(filter), "entries", audit.page(filter, offset, limit).stream().map(ApiJson::audit).toList()));
    }

    /** The request's JSON object; an empty body or a bare {@code null} is refused as one (400), not a server error. */
    static <T> T body(Context ctx, Class<T> type) {
        String text = ctx.body().strip();
        if (text.isEmpty() || text.equals("null")) {
            throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                    "The request body is empty: send a JSON object (see /api/v1/openapi.json).");
        }
        return ctx.bodyAsClass(type);
    }

    /** A page's {@code limit}: at most {@link #MAX_LIMIT} entries, as the OpenAPI file says. */
    static int limit(Context ctx, int fallback) {
        return number(ctx, "limit", fallback, MAX_LIMIT);
    }

    static int offset(Context ctx) {
        return number(ctx, "offset", 0, Integer.MAX_VALUE);
    }

    /** A query parameter that is a whole number from 0 to {@code max}, or {@code fallback} when absent. */
    static int number(Context ctx, String name, int fallback, int max) {
        String value = ctx.queryParam(name);
        try {
            long number = value == null ? fallback : Long.parseLong(value);
            if (number >= 0 && number <= max) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE,
                "'" + name + "' must be a whole number from 0 to " + max + ", was '" + value + "'.");
    }

    private static Principal who(Context ctx) {
        return Console.principal(ctx);
    }
}
