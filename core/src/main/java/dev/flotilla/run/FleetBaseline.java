package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.FleetCommands;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * {@code baseline --version V} on tenants of the fleet whose targets predate Flotilla and have no history at
 * all: every migration up to V recorded as applied, without running it, on each target once, in parallel.
 */
public final class FleetBaseline {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final int concurrency;
    private final int perServer;

    public FleetBaseline(TargetOptions template, LoadedMigrations migrations, int concurrency, int perServer) {
        this.template = template;
        this.migrations = migrations;
        this.concurrency = concurrency;
        this.perServer = perServer;
    }

    /** One tenant's outcome: what was recorded, or why not (a history that is not empty: BASELINE_REFUSED). */
    public record TenantBaseline(TenantId tenant, String target, HistoryChange change, ErrorCode code, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public List<TenantBaseline> baseline(List<TenantTarget> tenants, MigrationVersion version) {
        return PerTarget.run(tenants, concurrency, perServer, "baselining", t ->
                        new Baseline(template.forTarget(t.target(), t.tenant().id().value()), migrations).baseline(version))
                .stream().map(o -> new TenantBaseline(o.tenant(), o.target(), o.value(), o.code(),
                        FleetCommands.forTenant(o.error(), o.tenant()))).toList();
    }
}
