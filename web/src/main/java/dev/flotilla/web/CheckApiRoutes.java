package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.run.DriftAccept;
import dev.flotilla.run.DriftReport;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.run.TenantVerification;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The API's drift checks and verifies (operator and above): started in the background, answered 202 with a Location to
 * poll; the results in the command line's words ({@code flotilla drift/verify --json}). And accepting live schemas
 * ({@code flotilla drift --accept}; platform super admin), answered when done.
 */
final class CheckApiRoutes {
    private final Console console;

    CheckApiRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.post("/api/v1/drift", RefusedAttempts.as("drift.requested", RefusedAttempts.PathId.NONE, ctx -> {
            console.require(ctx, Role.Permission.VERIFY, CheckRoutes.CHECK_DRIFT);
            var job = console.actions().tenantWork().startDrift(Console.principal(ctx), selection(ctx));
            ctx.status(202).header("Location", "/api/v1/drift/" + job.id()).json(json(job, CheckApiRoutes::drift));
        }));
        app.post("/api/v1/drift/accept", RefusedAttempts.as("drift-accept", RefusedAttempts.PathId.NONE, ctx -> {
            // What drift holds as correct from then on: a platform administrator's call, as a deploy is.
            console.require(ctx, Role.Permission.DEPLOY, DriftAcceptRoutes.ACCEPT);
            List<DriftAccept.Result> results = console.actions().tenantWork().accept(Console.principal(ctx), selection(ctx));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("accepted", results.stream().filter(DriftAccept.Result::ok).count());
            json.put("tenants", results.stream().map(DriftAccept.Result::asMap).toList());
            ctx.json(json);
        }));
        app.get("/api/v1/drift/{id}", ctx -> ctx.json(json(find(console.actions().tenantWork().drifts(), ctx, "drift check"),
                CheckApiRoutes::drift)));
        app.post("/api/v1/verify", RefusedAttempts.as("verify.requested", RefusedAttempts.PathId.NONE, ctx -> {
            console.require(ctx, Role.Permission.VERIFY);
            VerifyRequest request = ApiRoutes.body(ctx, VerifyRequest.class);
            var job = console.actions().tenantWork().startVerify(Console.principal(ctx), request.selection()
                    .resolve(console.fleet().plane().tenants()), request.clearUnexamined());
            ctx.status(202).header("Location", "/api/v1/verify/" + job.id()).json(json(job, CheckApiRoutes::verify));
        }));
        app.get("/api/v1/verify/{id}", ctx -> ctx.json(json(find(console.actions().tenantWork().verifications(), ctx, "verify"),
                CheckApiRoutes::verify)));
    }

    /** The body of a verify: the tenants, and whether to clear earlier failures of the checks it skips ({@code verify --clear-unexamined}). */
    record VerifyRequest(List<String> tenants, String group, boolean all, boolean clearUnexamined) {
        TenantSelection selection() {
            return new TenantSelection(tenants, group, all);
        }
    }

    private List<TenantId> selection(Context ctx) {
        return ApiRoutes.body(ctx, TenantSelection.class).resolve(console.fleet().plane().tenants());
    }

    private static <T> FleetJobs.Job<T> find(FleetJobs<T> jobs, Context ctx, String what) {
        return jobs.find(ctx.pathParam("id")).orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                "No " + what + " "
                + ctx.pathParam("id") + " is kept (the console keeps its newest ones in memory, until it restarts)."));
    }

    /** A job: running, or done with the command line's fields for its result; failed when the run as a whole failed. */
    static <T> Map<String, Object> json(FleetJobs.Job<T> job, Function<T, Map<String, Object>> result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id());
        json.put("status", !job.done() ? "running" : job.error() != null ? "failed" : "done");
        json.put("user", job.user());
        json.put("error", job.error());
        json.put("timeMs", job.done() ? job.millis() : null);
        if (job.result() != null) {
            json.putAll(result.apply(job.result()));
        } else {
            json.put("tenants", job.tenants().stream().map(TenantId::value).toList());
        }
        return json;
    }

    static Map<String, Object> drift(DriftReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenants", report.tenants().stream().map(TenantDrift::asMap).toList());
        json.put("groups", report.groups().stream().map(g -> Map.of("status", g.word(), "outcome", g.outcome(),
                "count", g.tenants().size(), "tenants", g.tenants().stream().map(TenantId::value).toList())).toList());
        json.put("drifted", report.count(TenantDrift.Status.DRIFTED));
        json.put("referencesBuilt", report.referencesBuilt());
        json.put("wallMs", report.wallMillis());
        return json;
    }

    static Map<String, Object> verify(List<TenantVerification> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenants", results.stream().map(TenantVerification::asMap).toList());
        json.put("failed", results.stream().filter(r -> !r.ok()).count());
        return json;
    }
}
