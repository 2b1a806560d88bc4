package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.TargetOptions;
import dev.flotilla.history.AdoptionReport;
import dev.flotilla.history.HistorySource;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * Adopts another tool's history on many tenants in parallel, within the fleet's concurrency and per-server
 * limits; tenants sharing one target (shared-schema) adopt it once. Each tenant stands alone: one refused or
 * unreachable is a result, and the others go on.
 */
public final class FleetHistoryAdoption {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final int concurrency;
    private final int perServer;

    public FleetHistoryAdoption(TargetOptions template, LoadedMigrations migrations, int concurrency, int perServer) {
        this.template = template;
        this.migrations = migrations;
        this.concurrency = concurrency;
        this.perServer = perServer;
    }

    /** One tenant's outcome: the report, or why it could not adopt. */
    public record TenantAdoption(TenantId tenant, String target, AdoptionReport report, ErrorCode code, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public List<TenantAdoption> adopt(List<TenantTarget> tenants, HistorySource source, boolean allowUnmatched, boolean dryRun) {
        return PerTarget.run(tenants, concurrency, perServer, "adopting histories", t ->
                        new HistoryAdoption(template.forTarget(t.target(), t.tenant().id().value()), migrations)
                                .adopt(source, allowUnmatched, dryRun))
                .stream().map(o -> new TenantAdoption(o.tenant(), o.target(), o.value() == null ? null
                        : o.value().forTenant(o.tenant()), o.code(), o.advice() == null ? null
                        : o.advice().forTenant(o.tenant()).text())).toList();
    }
}
