package dev.flotilla.web;

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

    private void dashboard(Context ctx) {
        TenantStore tenants = console.fleet().plane().tenants();
        var byStatus = tenants.countBy(TenantStore.Grouping.STATUS);
        console.page(ctx, "dashboard.jte", "Fleet", "dashboard",
                "total", byStatus.values().stream().mapToInt(Integer::intValue).sum(),
                "byStatus", byStatus,
                "byVersion", tenants.countBy(TenantStore.Grouping.VERSION),
                "failed", tenants.inState("failed", 20),
                "failedVerification", tenants.inState("failed-verification", 20),
                "running", console.fleet().plane().deployments().running(),
                "drift", console.fleet().plane().drift().summary(),
                "drifted", console.fleet().plane().drift().drifted(20),
                "recent", console.fleet().plane().deployments().newest(8));
    }
}
