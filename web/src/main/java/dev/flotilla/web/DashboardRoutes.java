package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TenantCensus;
import dev.flotilla.control.TenantStore;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The fleet at a glance: tenants by state and version, failed and drifted tenants, running and recent deployments; and
 * the read of the tenants whose state is unknown, which its "unknown" card starts (any role: a plan only reads), run in
 * the background, its page polling until each tenant is read.
 */
final class DashboardRoutes {
    private final Console console;

    DashboardRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/", this::dashboard);
        app.post("/fleet/read-unknown", RefusedAttempts.as("plan.requested", RefusedAttempts.PathId.NONE, ctx -> {
            console.require(ctx, Role.Permission.VIEW, "read the unknown tenants");
            Console.go(ctx, "/fleet/reads/" + console.actions().fleetReads().startReadingUnknown(Console.principal(ctx)).id());
        }));
        app.get("/fleet/reads/{job}", ctx -> console.page(ctx, "fleet_read.jte", "Read the unknown tenants", "dashboard",
                "job", read(ctx), "page", page(ctx)));
        app.get("/fleet/reads/{job}/result", ctx -> console.fragment(ctx, "fleet_read_result.jte", "job", read(ctx)));
    }

    /** The result page asked for, {@code ?page=2} (from 1; absent the first), as the template counts them (from 0). */
    private static int page(Context ctx) {
        String page = ctx.queryParam("page");
        if (page == null) {
            return 0;
        }
        try {
            int number = Integer.parseInt(page.trim());
            if (number >= 1) {
                return number - 1;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE, "page takes a page number, 1 or more; was '" + page
                + "'.");
    }

    private FleetJobs.Job<?> read(Context ctx) {
        return console.actions().fleetReads().reads().find(ctx.pathParam("job")).orElseThrow(() -> new Console.Refusal(404,
                "Not found", ErrorCode.BAD_USAGE, "That read is no longer kept (the console keeps its newest ones until it"
                + " restarts); the dashboard's unknown card reads the tenants still unknown again."));
    }

    /**
     * The first tenants failed (by a deployment) or blocked (read so since, by a plan or a live status: a failed migration
     * recorded, an edited file), by id: both need a hand before a deploy goes through.
     */
    private static java.util.List<dev.flotilla.control.TenantRecord> failedOrBlocked(TenantStore tenants) {
        return java.util.stream.Stream.concat(tenants.inState("failed", SHOWN).stream(), tenants.inState("blocked", SHOWN).stream())
                .sorted(java.util.Comparator.comparing(r -> r.tenant().id().value())).limit(SHOWN).toList();
    }

    private static final int SHOWN = 20;

    private void dashboard(Context ctx) {
        TenantStore tenants = console.fleet().plane().tenants();
        var byStatus = tenants.census().countBy(TenantCensus.Grouping.STATUS);
        console.page(ctx, "dashboard.jte", "Fleet", "dashboard",
                "total", byStatus.values().stream().mapToInt(Integer::intValue).sum(),
                "byStatus", byStatus,
                "byVersion", tenants.census().countBy(TenantCensus.Grouping.VERSION),
                "failed", failedOrBlocked(tenants),
                "failedVerification", tenants.inState("failed-verification", 20),
                "running", console.fleet().plane().deployments().running(),
                "drift", console.fleet().plane().drift().summary(),
                "drifted", console.fleet().plane().drift().drifted(20),
                "recent", console.fleet().plane().deployments().newest(8),
                "versions", console.fleet().versionSpellings());
    }
}
