package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * The console's on-demand checks (operator and above): the Drift page (choose tenants or all, run the drift check, see
 * per tenant what differs) and Verify (the configured checks, from the tenants' pages). Each runs in the background;
 * its page polls until the results are there.
 */
final class CheckRoutes {
    /** A drift check takes the verify permission; a refusal says what was asked. */
    static final String CHECK_DRIFT = "check drift";

    private final Console console;

    CheckRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/drift", ctx -> driftPage(ctx, null));
        app.post("/drift", RefusedAttempts.as("drift.requested", RefusedAttempts.PathId.NONE, ctx -> {
            console.require(ctx, Role.Permission.VERIFY, CHECK_DRIFT);
            Console.go(ctx, "/drift/" + console.actions().tenantWork().startDrift(Console.principal(ctx), chosen(ctx)).id());
        }));
        app.get("/drift/{job}", ctx -> driftPage(ctx, find(console.actions().tenantWork().drifts(), ctx)));
        app.get("/drift/{job}/result", ctx -> {
            // Polled by the Drift page: once done, the counts above its form are swapped in too, this check's included.
            FleetJobs.Job<?> job = find(console.actions().tenantWork().drifts(), ctx);
            console.fragment(ctx, "drift_result.jte", "job", job, "summary", job.done() ? console.fleet().plane().drift().summary() : null,
                    "accepted", DriftAcceptRoutes.acceptedSince(console, job));
        });
        app.get("/verify", ctx -> verifyPage(ctx, null));
        app.post("/verify", RefusedAttempts.as("verify.requested", RefusedAttempts.PathId.NONE, ctx -> {
            console.require(ctx, Role.Permission.VERIFY);
            Console.go(ctx, "/verify/" + console.actions().tenantWork().startVerify(Console.principal(ctx), chosen(ctx),
                    "on".equals(ctx.formParam("clearUnexamined"))).id());
        }));
        app.get("/verify/{job}", ctx -> verifyPage(ctx, find(console.actions().tenantWork().verifications(), ctx)));
        app.get("/verify/{job}/result", ctx -> console.fragment(ctx, "verify_result.jte", "job",
                find(console.actions().tenantWork().verifications(), ctx)));
    }

    private void driftPage(Context ctx, FleetJobs.Job<?> job) {
        console.page(ctx, "drift.jte", "Drift", "drift", "job", job, "accepted", job == null ? java.util.Map.of()
                : DriftAcceptRoutes.acceptedSince(console, job), "groups", console.fleet().plane().tenants().census().groups(),
                "summary", console.fleet().plane().drift().summary(), "chosenGroup", typed(ctx, "group"), "chosenTenants", typed(ctx, "tenants"));
    }

    private void verifyPage(Context ctx, FleetJobs.Job<?> job) {
        console.page(ctx, "verify.jte", "Verify", "verify", "job", job, "groups", console.fleet().plane().tenants().census().groups(),
                "chosenGroup", typed(ctx, "group"), "chosenTenants", typed(ctx, "tenants"));
    }

    /** What the form had (?group=..&tenants=..), when an error page leads back to it to be corrected. */
    private static String typed(Context ctx, String field) {
        String value = ctx.queryParam(field);
        return value == null ? "" : value;
    }

    /** The form's tenants: ids when given, else a group, else all. */
    private List<TenantId> chosen(Context ctx) {
        return TenantSelection.ofForm(ctx.formParam("tenants"), ctx.formParam("group")).resolve(console.fleet().plane().tenants());
    }

    private static <T> FleetJobs.Job<T> find(FleetJobs<T> jobs, Context ctx) {
        return jobs.find(ctx.pathParam("job")).orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                "That run is no longer kept (the console keeps its newest ones until it restarts); run it again."));
    }
}
