package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.control.FleetDryRunSummary;
import dev.flotilla.web.fleet.KilledRuns;
import dev.flotilla.web.view.DryRunRow;
import dev.flotilla.web.view.Paging;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The fleet dry runs the control plane keeps (the console's, the API's and {@code flotilla dry-run}'s, those a deploy may
 * name), newest first, and one with each tenant's outcome: the console's pages and {@code GET /api/v1/dry-runs}, as
 * {@code flotilla dry-runs} lists them. Each first ends as interrupted a run whose process is gone ({@link KilledRuns}),
 * as the command line's {@code dry-runs} does: a {@code flotilla dry-run} killed while this console runs.
 */
final class DryRunRoutes {
    private static final int PAGE_SIZE = 30;

    private final Console console;

    DryRunRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/dry-runs", this::list);
        app.get("/dry-runs/{id}", this::detail);
        app.get("/api/v1/dry-runs", this::api);
    }

    private void list(Context ctx) {
        DryRunStore store = swept();
        Paging paging = Paging.of(ctx.queryParam("page"), PAGE_SIZE, store.count());
        console.page(ctx, "dry_runs.jte", "Dry runs", "dry-runs", "runs", rows(store, paging.offset(), paging.size()),
                "paging", paging, "versions", console.fleet().versionSpellings());
    }

    private void detail(Context ctx) {
        String id = ctx.pathParam("id");
        FleetDryRunRecord run = swept().fleetRun(id).orElseThrow(() -> new Console.Refusal(404, "Not found",
                ErrorCode.BAD_USAGE, "No dry run " + id + " in the control plane (it keeps the newest "
                        + DryRunStore.FLEET_RUNS_KEPT + "): see the list of dry runs, /dry-runs."));
        console.page(ctx, "dry_run.jte", "Dry run " + id, "dry-runs", "row", row(run.summary()), "run", run,
                "keptHere", console.actions().dryRuns().find(id).isPresent(), "versions", console.fleet().versionSpellings());
    }

    /** {@code {"total": N, "dryRuns": [...]}}, newest first; {@code offset} and {@code limit} (default 50) as deployments'. */
    private void api(Context ctx) {
        DryRunStore store = swept();
        int offset = ApiRoutes.offset(ctx);
        int limit = ApiRoutes.limit(ctx, 50);
        ctx.json(Map.of("total", store.count(), "dryRuns", rows(store, offset, limit).stream().map(DryRunJson::summary).toList()));
    }

    /** The plane's dry runs, after ending those whose process is gone. */
    private DryRunStore swept() {
        new KilledRuns(console.fleet(), ConsoleLog.of(console.fleet())).endInterruptedDryRuns();
        return console.fleet().plane().dryRuns();
    }

    /** A page of the list, in one read of the plane (its runs' tenants counted there). */
    private List<DryRunRow> rows(DryRunStore store, int offset, int limit) {
        return store.summaries(offset, limit).stream().map(this::row).toList();
    }

    private DryRunRow row(FleetDryRunSummary run) {
        return new DryRunRow(run, console.actions().dryRuns().find(run.id()).map(job -> !job.done()).orElse(false));
    }
}
