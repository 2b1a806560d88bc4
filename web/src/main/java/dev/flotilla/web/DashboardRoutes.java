package dev.flotilla.web;

import dev.flotilla.control.TenantCensus;
import dev.flotilla.control.TenantStore;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** The fleet at a glance: tenants by state and version, failed and drifted tenants, running and recent deployments. */
final class DashboardRoutes {
    private final Console console;

    DashboardRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/", this::dashboard);
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
