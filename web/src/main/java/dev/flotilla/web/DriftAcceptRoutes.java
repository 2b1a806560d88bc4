package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.run.DriftAccept;
import dev.flotilla.run.DriftAcceptance;
import dev.flotilla.run.DriftReport;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Accepting a tenant's live schema from the Drift page ({@code flotilla drift --accept}; platform super admin, as the
 * API's): a drifted or unknown tenant of a drift check has the action, a confirmation says what it does, and the check's
 * page then shows the tenant as accepted. Runs the API's accept ({@link dev.flotilla.web.fleet.TenantWork#accept}),
 * recorded and audited there.
 */
public final class DriftAcceptRoutes {
    /** An acceptance takes the deploy permission; a refusal says what was asked. */
    static final String ACCEPT = "accept a live schema";

    private final Console console;

    DriftAcceptRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/drift/{job}/accept/{id}", RefusedAttempts.about(RefusedAttempts.PathId.TENANT, this::confirm));
        app.post("/drift/{job}/accept/{id}", RefusedAttempts.as("drift-accept", RefusedAttempts.PathId.TENANT, this::accept));
    }

    private void confirm(Context ctx) {
        console.require(ctx, Role.Permission.DEPLOY, ACCEPT);
        FleetJobs.Job<DriftReport> job = job(ctx);
        TenantDrift drift = drift(job, ctx);
        console.page(ctx, "drift_accept_confirm.jte", "Accept the live schema of " + ctx.pathParam("id"), "drift", "job", job,
                "drift", drift, "sharing", console.actions().tenantWork().acceptedWith(drift.tenant()));
    }

    private void accept(Context ctx) {
        // What drift holds as correct from then on: a platform administrator's call, as a deploy is.
        console.require(ctx, Role.Permission.DEPLOY, ACCEPT);
        FleetJobs.Job<DriftReport> job = job(ctx);
        TenantDrift drift = drift(job, ctx);
        DriftAccept.Result result = console.actions().tenantWork().accept(Console.principal(ctx), List.of(drift.tenant())).get(0);
        if (!result.ok()) {
            throw new Console.Refusal(422, "Not accepted",
                    result.code() == null ? ErrorCode.INTERNAL : result.code(),
                    "The live schema of " + drift.tenant() + " was not accepted: " + result.error(), true);
        }
        Console.go(ctx, "/drift/" + job.id() + "#tenant-" + drift.tenant().value());
    }

    /**
     * The acceptances recorded since the check started of its drifted and unknown tenants, by tenant id: the page shows
     * them as accepted instead of offering the action again.
     */
    static Map<String, DriftAcceptance> acceptedSince(Console console, FleetJobs.Job<?> job) {
        if (!(job.result() instanceof DriftReport report)) {
            return Map.of();
        }
        List<TenantId> acceptable = report.tenants().stream().filter(DriftAcceptRoutes::acceptable).map(TenantDrift::tenant).toList();
        return console.fleet().plane().acceptances().of(acceptable).values().stream()
                .filter(a -> a.acceptedAt().isAfter(job.started()))
                .collect(Collectors.toMap(a -> a.tenant().value(), a -> a));
    }

    /** A tenant whose live schema is no longer what its history's replay, or its earlier acceptance, says. */
    public static boolean acceptable(TenantDrift drift) {
        return drift.status() == TenantDrift.Status.DRIFTED || drift.status() == TenantDrift.Status.UNKNOWN;
    }

    private FleetJobs.Job<DriftReport> job(Context ctx) {
        return console.actions().tenantWork().drifts().find(ctx.pathParam("job")).filter(j -> j.result() != null)
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                        "That drift check is no longer kept, or still running (the console keeps its newest ones until it"
                        + " restarts); run the check again from the Drift page."));
    }

    private static TenantDrift drift(FleetJobs.Job<DriftReport> job, Context ctx) {
        String id = ctx.pathParam("id");
        return job.result().tenants().stream()
                .filter(t -> t.tenant().value().equals(id) && acceptable(t)).findFirst()
                .orElseThrow(() -> new Console.Refusal(404,
                        "Not found", ErrorCode.BAD_USAGE,
                        "Tenant " + id + " is not among the drifted or unknown"
                        + " tenants of drift check " + job.id() + ": only a tenant this check found drifted or unknown can be"
                        + " accepted from its page (flotilla drift --accept takes any)."));
    }
}
