package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.TenantPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        Map<String, List<TenantTarget>> byTarget = new LinkedHashMap<>();
        tenants.forEach(t -> byTarget.computeIfAbsent(t.targetKey(), k -> new ArrayList<>()).add(t));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, byTarget.size())));
        try {
            Map<String, Future<TenantPlan>> futures = new LinkedHashMap<>();
            byTarget.forEach((key, group) -> futures.put(key, pool.submit(() -> limits.within(group.get(0),
                    () -> planOne(group.get(0))))));
            List<TenantPlan> plans = new ArrayList<>();
            for (TenantTarget tenant : tenants) {
                plans.add(futures.get(tenant.targetKey()).get().forTenant(tenant.tenant().id()));
            }
            return plans;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while planning", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private TenantPlan planOne(TenantTarget tenant) {
        TargetOptions options = template.forTarget(tenant.target(), tenant.tenant().id().value());
        String name = tenant.target().displayName();
        try {
            TargetPlan plan = new TargetRunner(options, migrations).plan();
            return TenantPlan.of(tenant.tenant().id(), plan, name, options.policy());
        } catch (FlotillaException e) {
            return TenantPlan.unreachable(tenant.tenant().id(), name, e.getMessage());
        }
    }
}
