package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetRepair.TenantRepair;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.RepairResults;
import dev.flotilla.web.fleet.RepairWork;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairing a tenant left failed by a migration ({@code flotilla repair --tenants ID}): the form on its page, and
 * {@code POST /api/v1/tenants/{id}/repair} (body optional: {@code {"rerunFromStart": true}}). It takes the deploy
 * permission, as accepting a live schema does: it decides what a deploy runs next. Runs {@link RepairWork}, audited
 * there; a refusal before it ran (no such tenant, nothing to repair, a role) is audited as {@code repair.requested}.
 */
final class RepairRoutes {
    /** A refusal of the role says what was asked. */
    static final String REPAIR = "repair a tenant's history";

    private final Console console;

    RepairRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.post("/tenants/{id}/repair", RefusedAttempts.as("repair.requested", RefusedAttempts.PathId.TENANT, this::page));
        app.get("/tenants/{id}/repairs/{repair}", this::result);
        app.post("/api/v1/tenants/{id}/repair", RefusedAttempts.as("repair.requested", RefusedAttempts.PathId.TENANT, this::api));
    }

    /** The body of the API's repair; every field optional. */
    record RepairBody(boolean rerunFromStart) {
    }

    /** Repairs, then sends the browser to the result's own page: a reload shows it again rather than repairing again. */
    private void page(Context ctx) {
        boolean rerun = "on".equals(ctx.formParam("rerunFromStart"));
        RepairWork.Outcome outcome = repair(ctx, rerun, false);
        TenantId id = TenantId.of(ctx.pathParam("id"));
        RepairResults.Kept kept = console.actions().repairs().results().keep(id, outcome, rerun);
        Console.go(ctx, "/tenants/" + id.value() + "/repairs/" + kept.id());
    }

    private void result(Context ctx) {
        TenantId id = TenantId.of(ctx.pathParam("id"));
        RepairResults.Kept kept = console.actions().repairs().results().find(id, ctx.pathParam("repair"))
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE, "That repair's result is no longer"
                        + " kept (the console keeps its newest ones until it restarts): the tenant's page shows its history as"
                        + " it is now, and the audit log what each repair did."));
        console.page(ctx, "repair_result.jte", "Repaired " + id, "tenants", "tenant", id.value(), "outcome", kept.outcome(),
                "rerunFromStart", kept.rerunFromStart());
    }

    private void api(Context ctx) {
        boolean rerun = !ctx.body().isBlank() && ApiRoutes.body(ctx, RepairBody.class).rerunFromStart();
        RepairWork.Outcome outcome = repair(ctx, rerun, true);
        List<Map<String, Object>> tenants = outcome.tenants().stream().map(RepairRoutes::json).toList();
        ctx.json(Map.of("tenants", tenants, "shared", outcome.shared()));
    }

    /** As {@code repair --json}'s entry of a tenant: its id, target and what was done. */
    private static Map<String, Object> json(TenantRepair result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", result.tenant().value());
        entry.put("target", result.target());
        entry.put("actions", result.change().actions());
        return entry;
    }

    /** Repairs, or ends the request: 404 for a tenant not registered, 409 for nothing to repair or a refusal. */
    private RepairWork.Outcome repair(Context ctx, boolean rerunFromStart, boolean api) {
        console.require(ctx, Role.Permission.DEPLOY, REPAIR);
        TenantId id = TenantId.of(ctx.pathParam("id"));
        TenantRecord record = console.fleet().plane().tenants().find(id).orElseThrow(() -> new Console.Refusal(404,
                api ? ErrorCode.TENANT_NOT_FOUND.name() : "Not found", ErrorCode.TENANT_NOT_FOUND, "No tenant " + id
                + " is registered: GET /api/v1/tenants (or the Tenants page) lists the registered ones."));
        RepairWork.Outcome outcome;
        try {
            outcome = console.actions().repairs().repair(Console.principal(ctx), record.tenant().id(), rerunFromStart);
        } catch (RepairWork.NothingToRepair e) {
            throw new Console.Refusal(409, api ? ErrorCode.NOTHING_TO_REPAIR.name() : "Nothing to repair",
                    ErrorCode.NOTHING_TO_REPAIR, e.getMessage(), false);
        }
        TenantRepair refused = outcome.refused();
        if (refused != null) {
            // Audited per tenant where it ran; a refusal (statements stay applied) is a conflict, any other failure a 422.
            ErrorCode code = refused.code() == null ? ErrorCode.INTERNAL : refused.code();
            throw new Console.Refusal(code == ErrorCode.REPAIR_REFUSED ? 409 : 422, api ? code.name() : WebConsole.heading(code),
                    code, refused.error() + (outcome.shared().isEmpty() ? "" : " (" + String.join("; ", outcome.shared()) + ".)"),
                    true);
        }
        return outcome;
    }
}
