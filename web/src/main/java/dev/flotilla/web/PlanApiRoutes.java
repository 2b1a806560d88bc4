package dev.flotilla.web;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.NoticeLine;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.MigrationFiles;
import dev.flotilla.web.fleet.TestsBeforeDeploy;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The API's plan, as {@code flotilla plan --json} gives it: per chosen tenant (and those sharing its target) the
 * migrations still pending, and what the plan noticed (tables but no history table; a schema or database a deploy would
 * create), said as the command line's notices are, targets noticed alike in one line. Nothing is changed or recorded.
 */
final class PlanApiRoutes {
    private final Console console;

    PlanApiRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/api/v1/plan", this::plan);
    }

    private void plan(Context ctx) {
        console.require(ctx, Role.Permission.VIEW);
        List<TenantId> tenants = new TenantSelection(list(ctx.queryParam("tenants")), ctx.queryParam("group"),
                "true".equals(ctx.queryParam("all"))).resolve(console.fleet().plane().tenants());
        List<String> versions = list(ctx.queryParam("versions"));
        LoadedMigrations all = console.fleet().loadMigrations();
        List<TenantPlan> plans = TestsBeforeDeploy.plan(console.fleet(), console.actions(), Console.principal(ctx).user(),
                versions.isEmpty() ? all : MigrationFiles.upTo(all, versions), tenants, "true".equals(ctx.queryParam("outOfOrder")));
        // Masked as the control plane masks what it keeps: a target's error quotes what its driver said.
        UnaryOperator<String> scrub = console.fleet().plane()::scrub;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenants", plans.stream().map(p -> tenant(p, scrub)).toList());
        json.put("notices", NoticeLine.of(plans).stream().map(l -> l.asMap(scrub)).toList());
        ctx.json(json);
    }

    private static List<String> list(String words) {
        return words == null ? List.of() : Arrays.stream(words.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
    }

    /** A tenant's plan, with the keys {@code flotilla plan --json} gives it (its deprecated ones left out). */
    private static Map<String, Object> tenant(TenantPlan plan, UnaryOperator<String> scrub) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", plan.tenant().value());
        json.put("target", scrub.apply(plan.target()));
        json.put("status", plan.stateWord());
        json.put("currentVersion", plan.currentVersion());
        boolean read = plan.state() != TenantPlan.State.UNREACHABLE;
        json.put("pendingCount", read ? plan.pending().size() : null);
        json.put("pendingVersions", read ? plan.pending() : null);
        json.put("error", plan.blocker() == null ? null : scrub.apply(plan.blocker()));
        json.put("notice", plan.notice() == null ? null : scrub.apply(plan.notice().text()));
        return json;
    }
}
