package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TenantStore;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.view.Paging;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * The migration wizard's step 2, its tenants: the registered tenants, searched and paged, each chosen or not, all those
 * matching a search chosen or cleared at once, into the session's draft ({@link WizardRoutes}).
 */
final class WizardTenantsStep {
    private final Console console;
    private final WizardRoutes wizard;

    WizardTenantsStep(Console console, WizardRoutes wizard) {
        this.console = console;
        this.wizard = wizard;
    }

    void register(Javalin app) {
        app.get("/wizard/tenants", this::tenants);
        app.get("/wizard/tenants/table", this::tenantSection);
        app.post("/wizard/tenants/toggle", this::toggle);
        app.post("/wizard/tenants/select-all", ctx -> selectMatching(ctx, true));
        app.post("/wizard/tenants/clear", ctx -> selectMatching(ctx, false));
        app.post("/wizard/tenants", this::confirmTenants);
    }

    private void tenants(Context ctx) {
        wizard.requireFiles(ctx);
        console.page(ctx, "wizard_tenants.jte", "Migration wizard: tenants", "wizard", section(ctx));
    }

    private void tenantSection(Context ctx) {
        console.fragment(ctx, "wizard_tenant_section.jte", section(ctx));
    }

    private Object[] section(Context ctx) {
        wizard.forgetRemovedTenants(ctx);
        String q = ctx.queryParam("q") != null ? ctx.queryParam("q") : ctx.formParam("q");
        String group = ctx.queryParam("group") != null ? ctx.queryParam("group") : ctx.formParam("group");
        TenantStore store = console.fleet().plane().tenants();
        String page = ctx.queryParam("page") != null ? ctx.queryParam("page") : ctx.formParam("page");
        Paging paging = Paging.of(page, TenantRoutes.PAGE_SIZE, store.count(q, group));
        return new Object[] {"tenants", store.page(q, group, paging.offset(), paging.size()), "paging", paging,
                "q", q == null ? "" : q, "group", group == null ? "" : group, "groups", store.census().groups(),
                "draft", wizard.draft(ctx), "registered", store.count(null, null),
                "versions", console.fleet().versionSpellings()};
    }

    private void toggle(Context ctx) {
        TenantId id = TenantId.of(ctx.formParam("id"));
        if (console.fleet().plane().tenants().find(id).isEmpty()) {
            throw new Console.Refusal(404, "Not found", ErrorCode.TENANT_NOT_FOUND, "No tenant " + id
                    + " is registered.");
        }
        wizard.draft(ctx).select(List.of(id), "on".equals(ctx.formParam("selected")));
        console.fragment(ctx, "wizard_selection.jte", "draft", wizard.draft(ctx), "registered",
                console.fleet().plane().tenants().count(null, null));
    }

    private void selectMatching(Context ctx, boolean selected) {
        List<TenantId> matching = console.fleet().plane().tenants().ids(ctx.formParam("q"), ctx.formParam("group"));
        wizard.draft(ctx).select(matching, selected);
        tenantSection(ctx);
    }

    private void confirmTenants(Context ctx) {
        wizard.requireFiles(ctx);
        if (wizard.draft(ctx).selectedCount() == 0) {
            throw new Console.Refusal(400, "No tenants", ErrorCode.BAD_USAGE, "Choose at least one tenant.");
        }
        Console.go(ctx, "/wizard/test");
    }
}
