package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.control.BackupStore;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tenant list (searchable, paged) and one tenant: its live history table (with the repair of a failed record, see
 * {@link RepairRoutes}), last dry run and last checks.
 */
final class TenantRoutes {
    static final int PAGE_SIZE = 50;

    private final Console console;

    TenantRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/tenants", this::list);
        app.get("/tenants/{id}", this::detail);
    }

    private void list(Context ctx) {
        String q = ctx.queryParam("q");
        String group = ctx.queryParam("group");
        var store = console.fleet().plane().tenants();
        var paging = dev.flotilla.web.view.Paging.of(ctx.queryParam("page"), PAGE_SIZE, store.count(q, group));
        console.page(ctx, "tenants.jte", "Tenants", "tenants", "tenants", store.page(q, group, paging.offset(), paging.size()),
                "paging", paging, "q", q == null ? "" : q, "group", group == null ? "" : group, "groups", store.census().groups(),
                "versions", console.fleet().versionSpellings());
    }

    private void detail(Context ctx) {
        TenantId id = TenantId.of(ctx.pathParam("id"));
        TenantRecord record = console.fleet().plane().tenants().find(id)
                .orElseThrow(() -> new Console.Refusal(404, "Not found", ErrorCode.TENANT_NOT_FOUND,
                        "No tenant " + id + " is registered."));
        // Named without its password file, as the tenant list and the API name it; only its live history needs the login.
        String name = console.fleet().tenancy().displayNameOf(record.tenant());
        TenantTarget target = console.fleet().targets(List.of(record.tenant())).get(0);
        List<MigrationStatus> history = List.of();
        String historyError = null;
        // Its files, which show its version as they write it; unread, as recorded.
        dev.flotilla.migration.VersionSpellings versions = dev.flotilla.migration.VersionSpellings.CANONICAL;
        try {
            Flotilla flotilla = Flotilla.load(console.fleet().template().forTarget(target.target(), id.value()));
            versions = flotilla.migrations().spellings();
            history = flotilla.status().statuses();
        } catch (RuntimeException e) {
            historyError = target.target().scrub(String.valueOf(e.getMessage()));
        }
        // A failed record blocks it until repaired: the page offers the repair, naming the tenants sharing its history.
        List<MigrationStatus> failed = history.stream().filter(m -> m.state() == MigrationState.FAILED).toList();
        List<TenantId> repairedWith = failed.isEmpty() ? List.of() : console.actions().repairs().repairedWith(id);
        List<BackupStore.BackupRecord> backups = console.fleet().plane().backups().newest(id, 20);
        console.page(ctx, "tenant.jte", "Tenant " + id, "tenants", "tenant", record, "target", name,
                "history", history, "historyError", historyError, "failed", failed, "repairedWith", repairedWith,
                "dryRun", console.fleet().plane().dryRuns().latest(id).orElse(null),
                "test", console.fleet().plane().dryRuns().latestTest(id).orElse(null),
                "verification", console.fleet().plane().verifications().latest(id).orElse(null),
                "drift", console.fleet().plane().drift().latest(id).orElse(null),
                "backups", backups, "versions", versions, "rollbacks", console.fleet().plane().deployments()
                        .rollbacksAmong(backups.stream().map(BackupStore.BackupRecord::deployment)
                                .filter(java.util.Objects::nonNull).collect(Collectors.toSet())));
    }
}
