package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.SharedResults;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies many tenants in parallel, within the fleet's concurrency and per-server limits. In a shared
 * schema the checks that read rows look at each tenant's own ({@code tenantColumn = id}), and those schema-wide by
 * nature run once for the tenants sharing it. A tenant that cannot be reached is a result, not an exception.
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
        this.options = sharedTenantColumn == null ? options : options.sharedBy(sharedTenantColumn);
        this.sharedTenantColumn = sharedTenantColumn;
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
    }

    /**
     * One result per tenant, in the order given. The tenants' sessions reuse their server's connections as a deploy's do
     * ({@link ConnectionReuse}): schemas behind one PostgreSQL URL, databases on one MariaDB server.
     */
    public List<TenantVerification> run(List<TenantTarget> tenants) {
        try (ConnectionReuse connections = new ConnectionReuse(concurrency)) {
            return run(tenants, connections);
        }
    }

    private List<TenantVerification> run(List<TenantTarget> tenants, ConnectionReuse connections) {
        Set<String> sharing = LoginRefused.sharedTargets(tenants);
        if (sharedTenantColumn == null) {
            return Parallel.map(tenants, concurrency, "verifying", t -> limits.within(t, () -> verify(t, connections, sharing)));
        }
        Map<String, List<TenantTarget>> byTarget = new LinkedHashMap<>();
        tenants.forEach(t -> byTarget.computeIfAbsent(t.targetKey(), k -> new ArrayList<>()).add(t));
        List<List<TenantVerification>> verified = Parallel.map(List.copyOf(byTarget.values()), concurrency, "verifying",
                group -> limits.within(group.get(0), () -> verifyShared(group, connections, sharing)));
        Map<TenantId, TenantVerification> byTenant = new HashMap<>();
        verified.forEach(group -> group.forEach(v -> byTenant.put(v.tenant(), v)));
        return tenants.stream().map(t -> byTenant.get(t.tenant().id())).toList();
    }

    private TenantVerification verify(TenantTarget tenant, ConnectionReuse connections, Set<String> sharing) {
        try {
            return new TenantVerification(tenant.tenant().id(), tenant.target().displayName(),
                    runner(tenant, connections).verify(options, TenantScope.WHOLE_TARGET), null, null);
        } catch (FlotillaException e) {
            return notVerified(tenant, tenant.target().displayName(), e, sharing);
        }
    }

    /** A tenant whose checks could not run for {@code why}; a refused login says whose login to fix, as drift does. */
    private static TenantVerification notVerified(TenantTarget tenant, String target, FlotillaException why,
                                                  Set<String> sharing) {
        return new TenantVerification(tenant.tenant().id(), target, List.of(), why.code(),
                LoginRefused.reason(why.getMessage(), why.code(), tenant, sharing));
    }

    /** The tenants sharing one target: the checks schema-wide by nature once, those reading rows on each one's own. */
    private List<TenantVerification> verifyShared(List<TenantTarget> group, ConnectionReuse connections,
                                                  Set<String> sharing) {
        String target = group.get(0).target().displayName();
        try {
            SharedResults results = runner(group.get(0), connections).verifyShared(options,
                    group.stream().map(t -> t.tenant().id()).toList());
            return group.stream().map(t -> new TenantVerification(t.tenant().id(), target,
                    results.of(t.tenant().id().value()), null, null)).toList();
        } catch (FlotillaException e) {
            return group.stream().map(t -> notVerified(t, target, e, sharing)).toList();
        }
    }

    private TargetRunner runner(TenantTarget tenant, ConnectionReuse connections) {
        return new TargetRunner(template.forTarget(tenant.target(), tenant.tenant().id().value()), migrations, connections);
    }
}
