package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.target.ConnectionReuse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what is pending on many tenants at once: one connection and one history query per target,
 * without locking or changing anything. An unreachable tenant is a result, not an exception.
 */
public final class FleetPlanner {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final int concurrency;
    private final ServerLimits limits;

    public FleetPlanner(TargetOptions template, LoadedMigrations migrations, int concurrency, int perServer) {
        this.template = template;
        this.migrations = migrations;
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
    }

    /** One plan per tenant, in the order given; tenants sharing a target are read once. */
    public List<TenantPlan> plan(List<TenantTarget> tenants) {
        Map<String, TenantTarget> firstByTarget = new LinkedHashMap<>();
        tenants.forEach(t -> firstByTarget.putIfAbsent(t.targetKey(), t));
        List<TenantTarget> firsts = List.copyOf(firstByTarget.values());
        Map<String, TenantPlan> byKey = new LinkedHashMap<>();
        List<TenantPlan> read;
        try (ConnectionReuse connections = new ConnectionReuse(concurrency)) {
            read = Parallel.map(firsts, concurrency, "planning", first -> limits.within(first, () -> planOne(first, connections)));
        }
        for (int i = 0; i < firsts.size(); i++) {
            byKey.put(firsts.get(i).targetKey(), read.get(i));
        }
        return tenants.stream().map(t -> byKey.get(t.targetKey()).forTenant(t.tenant().id())).toList();
    }

    private TenantPlan planOne(TenantTarget tenant, ConnectionReuse connections) {
        TargetOptions options = template.forTarget(tenant.target(), tenant.tenant().id().value());
        String name = tenant.target().displayName();
        try {
            TargetPlan plan = new TargetRunner(options, migrations, connections).plan();
            return TenantPlan.of(tenant.tenant().id(), plan, name, options.policy());
        } catch (FlotillaException e) {
            return TenantPlan.unreachable(tenant.tenant().id(), name, e.getMessage());
        }
    }
}
