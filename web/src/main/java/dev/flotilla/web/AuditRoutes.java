package dev.flotilla.web;

import dev.flotilla.control.AuditLog;
import dev.flotilla.web.view.Paging;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** The audit log, newest first, filtered by user, action or tenant, a page at a time. */
final class AuditRoutes {
    private static final int PAGE_SIZE = 50;

    private final Console console;

    AuditRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/audit", this::list);
    }

    private void list(Context ctx) {
        AuditLog.Filter filter = new AuditLog.Filter(ctx.queryParam("actor"), ctx.queryParam("action"), ctx.queryParam("tenant"));
        AuditLog audit = console.fleet().plane().audit();
        Paging paging = Paging.of(ctx.queryParam("page"), PAGE_SIZE, audit.count(filter));
        console.page(ctx, "audit.jte", "Audit log", "audit", "entries", audit.page(filter, paging.offset(), paging.size()),
                "paging", paging, "filter", filter);
    }
}
