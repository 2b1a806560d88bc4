package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.VerifyOptions;
import java.util.List;

/**
 * Verifies many tenants in parallel, within the fleet's concurrency and per-server limits. In a shared
 * schema each tenant's checks look at its own rows ({@code tenantColumn = id}). A tenant that cannot be
 * reached is a result, not an exception.
 */
public final class FleetVerify {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final VerifyOptions options;
    private final String sharedTenantColumn;
    private final int concurrency;
    private final ServerLimits limits;

    /** @param sharedTenantColumn the tenant column in shared-schema tenancy, null otherwise */
    public FleetVerify(TargetOptions template, LoadedMigrations migrations, VerifyOptions options, String sharedTenantColumn,
                       int concurrency, int perServer) {
        this.template = template;
        this.migrations = migrations;
        this.options = options;
        this.sharedTenantColumn = sharedTenantColumn;
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
    }

    public List<TenantVerification> run(List<TenantTarget> tenants) {
        return Parallel.map(tenants, concurrency, "verifying", t -> limits.within(t, () -> verify(t)));
    }

    private TenantVerification verify(TenantTarget tenant) {
        String id = tenant.tenant().id().value();
        TenantScope scope = sharedTenantColumn == null ? TenantScope.WHOLE_TARGET : new TenantScope(sharedTenantColumn, id);
        try {
            return new TenantVerification(tenant.tenant().id(), tenant.target().displayName(),
                    new TargetRunner(template.forTarget(tenant.target(), id), migrations).verify(options, scope), null, null);
        } catch (FlotillaException e) {
            return new TenantVerification(tenant.tenant().id(), tenant.target().displayName(), List.of(), e.code(), e.getMessage());
        }
    }
}
