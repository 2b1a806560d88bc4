package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.target.ServerHistories;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what is pending on many tenants at once, without locking or changing anything. The schemas of one
 * PostgreSQL database are read together, one history query per 500 schemas; every other target with a
 * connection and a history query of its own, in parallel. An unreachable tenant is a result, not an exception.
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
        SchemaGroups groups = SchemaGroups.of(List.copyOf(firstByTarget.values()));
        Map<String, TenantPlan> byKey = new LinkedHashMap<>();
        List<TenantTarget> alone = new ArrayList<>(groups.alone);
        for (List<TenantTarget> database : groups.groups) {
            planTogether(database).ifPresentOrElse(byKey::putAll, () -> alone.addAll(database));
        }
        List<TenantPlan> read;
        try (ConnectionReuse connections = new ConnectionReuse(concurrency)) {
            read = Parallel.map(alone, concurrency, "planning", first -> limits.within(first, () -> planOne(first, connections)));
        }
        for (int i = 0; i < alone.size(); i++) {
            byKey.put(alone.get(i).targetKey(), read.get(i));
        }
        return tenants.stream().map(t -> byKey.get(t.targetKey()).forTenant(t.tenant().id())).toList();
    }

    /**
     * The plans of schemas of one database from their histories read together. A database that cannot be
     * reached makes every one of its tenants unreachable; a read that fails there (a history table of another
     * shape, a schema the user may not read) gives empty, and each is then read on its own, so that one
     * tenant's problem stays that tenant's.
     */
    private Optional<Map<String, TenantPlan>> planTogether(List<TenantTarget> database) {
        TargetSpec first = database.get(0).target();
        Dialect dialect = Dialect.forUrl(first.url());
        List<String> schemas = database.stream().map(t -> t.target().schema()).distinct().toList();
        Map<String, List<AppliedMigration>> histories;
        Connection connection;
        try {
            connection = TargetSession.connectToServer(first);
        } catch (FlotillaException e) {
            Map<String, TenantPlan> unreachable = new LinkedHashMap<>();
            database.forEach(t -> unreachable.put(t.targetKey(), TenantPlan.unreachable(t.tenant().id(),
                    t.target().displayName(), e.getMessage())));
            return Optional.of(unreachable);
        }
        try (connection) {
            histories = ServerHistories.read(dialect, connection, schemas, first.historyTable());
        } catch (SQLException e) {
            return Optional.empty();
        }
        Map<String, TenantPlan> plans = new LinkedHashMap<>();
        for (TenantTarget tenant : database) {
            String name = tenant.target().displayName();
            TargetPlan plan = TargetPlan.of(migrations, histories.get(tenant.target().schema()), name);
            plans.put(tenant.targetKey(), TenantPlan.of(tenant.tenant().id(), plan, name, template.policy()));
        }
        return Optional.of(plans);
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
