package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Advice;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dry-runs many tenants in parallel, within the fleet's concurrency and per-server limits. Tenants that share
 * a target (shared-schema) are dry-run once; the checks that read rows run on each one's own rows, so each tenant's
 * report has its own. A tenant that cannot be reached is a result, not an exception.
 * Changes nothing anywhere; takes no target lock.
 */
public final class FleetDryRun {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final DryRunOptions options;
    private final int concurrency;
    private final ServerLimits limits;

    public FleetDryRun(TargetOptions template, LoadedMigrations migrations, DryRunOptions options, int concurrency, int perServer) {
        this.template = template;
        this.migrations = migrations;
        this.options = options;
        this.concurrency = concurrency;
        this.limits = new ServerLimits(perServer);
    }

    /** One result per tenant, in the order given. */
    public List<TenantDryRun> run(List<TenantTarget> tenants) {
        return run(tenants, tenant -> options);
    }

    /** One result per tenant, each dry-run with its own options (a rollback of what differs per tenant). */
    public List<TenantDryRun> run(List<TenantTarget> tenants, java.util.function.Function<TenantTarget, DryRunOptions> perTenant) {
        Map<String, TenantTarget> firstByTarget = new LinkedHashMap<>();
        tenants.forEach(t -> firstByTarget.putIfAbsent(t.targetKey(), t));
        List<TenantTarget> firsts = List.copyOf(firstByTarget.values());
        Set<String> sharedLogins = LoginRefused.sharedTargets(tenants);
        List<TenantDryRun> results;
        try (ConnectionReuse connections = new ConnectionReuse(concurrency)) {
            results = Parallel.map(firsts, concurrency, "dry-running", t -> limits.within(t,
                    () -> runOne(t, perTenant.apply(t), sharing(t, tenants), sharedLogins, connections)));
        }
        // No control plane masks them: a statement as it ran, a failure quoting it, hold the secret placeholders' values.
        var mask = SecretPlaceholderMask.of(template);
        if (mask.isPresent()) {
            results = results.stream().map(r -> r.masked(mask.get())).toList();
        }
        Map<String, TenantDryRun> byKey = new LinkedHashMap<>();
        for (int i = 0; i < firsts.size(); i++) {
            byKey.put(firsts.get(i).targetKey(), results.get(i));
        }
        return tenants.stream().map(t -> {
            TenantDryRun shared = byKey.get(t.targetKey());
            return new TenantDryRun(t.tenant().id(), shared.target(), shared.schema(),
                    shared.report() == null ? null : shared.report().forTenant(t.tenant().id().value()), shared.code(),
                    shared.advice());
        }).toList();
    }

    /**
     * The tenants of {@code tenants} on {@code tenant}'s target: in shared-schema tenancy (the checks' tenant column set)
     * each is checked on its own rows.
     */
    private static List<TenantId> sharing(TenantTarget tenant, List<TenantTarget> tenants) {
        return tenants.stream().filter(t -> t.targetKey().equals(tenant.targetKey())).map(t -> t.tenant().id()).distinct().toList();
    }

    /** @param sharedLogins the targets other tenants of the run share (and so their login), {@link LoginRefused#sharedTargets} */
    private TenantDryRun runOne(TenantTarget tenant, DryRunOptions options, List<TenantId> sharing, Set<String> sharedLogins,
                                ConnectionReuse connections) {
        TargetOptions target = template.forTarget(tenant.target(), tenant.tenant().id().value());
        String name = tenant.target().displayName();
        String schema = SchemaGroups.schemaOf(tenant);
        try {
            return new TenantDryRun(tenant.tenant().id(), name, schema,
                    new TargetRunner(target, migrations, connections).dryRun(options, sharing), null, null);
        } catch (FlotillaException e) {
            return new TenantDryRun(tenant.tenant().id(), name, schema, null, e.code(),
                    LoginRefused.reason(e.advice().masked(tenant.target()::scrub), e.code(), tenant, sharedLogins));
        } catch (RuntimeException e) {
            return new TenantDryRun(tenant.tenant().id(), name, schema, null, ErrorCode.INTERNAL,
                    Advice.plain(tenant.target().scrub(String.valueOf(e))));
        }
    }
}
