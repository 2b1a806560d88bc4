package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.target.ServerHistories;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what is pending on many tenants at once, without locking or changing anything. The schemas of one
 * PostgreSQL database, and the databases of one MariaDB server, are read together over one connection, a few
 * queries per 500 targets; every other target with a connection and a history query of its own, in parallel. An
 * unreachable tenant is a result, not an exception.
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

    /**
     * One plan per tenant, in the order given; tenants sharing a target are read once. What a plan says (a history row's
     * error a problem quotes, why a tenant could not be read) is masked of its target's secrets and the template's secret
     * placeholders' values: no control plane is between the planner and its caller.
     */
    public List<TenantPlan> plan(List<TenantTarget> tenants) {
        return plan(tenants, read -> { });
    }

    /**
     * As {@link #plan(List)}, telling {@code readSoFar} how many of {@code tenants} have been read each time more are
     * (a group of targets read together, or one target on its own), from the threads that read them: a progress count.
     */
    public List<TenantPlan> plan(List<TenantTarget> tenants, java.util.function.IntConsumer readSoFar) {
        Map<String, TenantTarget> firstByTarget = new LinkedHashMap<>();
        Map<String, Integer> tenantsByTarget = new java.util.HashMap<>();
        tenants.forEach(t -> {
            firstByTarget.putIfAbsent(t.targetKey(), t);
            tenantsByTarget.merge(t.targetKey(), 1, Integer::sum);
        });
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        SchemaGroups groups = SchemaGroups.withDatabases(List.copyOf(firstByTarget.values()));
        Map<String, TenantPlan> byKey = new LinkedHashMap<>();
        List<TenantTarget> alone = new ArrayList<>(groups.alone);
        for (SchemaGroups.Group group : groups.groups) {
            Map<String, TenantPlan> together = planTogether(group);
            byKey.putAll(together);
            group.targets().stream().filter(t -> !together.containsKey(t.targetKey())).forEach(alone::add);
            readSoFar.accept(done.addAndGet(together.keySet().stream().mapToInt(tenantsByTarget::get).sum()));
        }
        List<TenantPlan> read;
        try (ConnectionReuse connections = new ConnectionReuse(concurrency)) {
            read = Parallel.map(alone, concurrency, "planning", first -> limits.within(first, () -> {
                TenantPlan plan = planOne(first, connections);
                readSoFar.accept(done.addAndGet(tenantsByTarget.get(first.targetKey())));
                return plan;
            }));
        }
        for (int i = 0; i < alone.size(); i++) {
            byKey.put(alone.get(i).targetKey(), read.get(i));
        }
        Set<String> sharing = LoginRefused.sharedTargets(tenants);
        java.util.Optional<java.util.function.UnaryOperator<String>> secrets = SecretPlaceholderMask.of(template);
        return tenants.stream().map(t -> masked(refusedSaying(byKey.get(t.targetKey()).forTenant(t.tenant().id()), t, sharing),
                t, secrets)).toList();
    }

    /** {@code plan} masked of {@code tenant}'s target's secrets, and of the secret placeholders' values where there are any. */
    private static TenantPlan masked(TenantPlan plan, TenantTarget tenant,
                                     java.util.Optional<java.util.function.UnaryOperator<String>> secrets) {
        TenantPlan own = plan.masked(tenant.target()::scrub);
        return secrets.isEmpty() ? own : own.masked(secrets.get());
    }

    /** The plan of a tenant whose login was refused says whose login to fix, as drift does; any other plan as it is. */
    private static TenantPlan refusedSaying(TenantPlan plan, TenantTarget tenant, Set<String> sharing) {
        return plan.error() == null ? plan : plan.withError(LoginRefused.reason(plan.error(), plan.errorCode(), tenant, sharing));
    }

    /**
     * The plans of a group's targets from their histories read together; the targets left out are planned each on
     * its own, so that one tenant's problem stays that tenant's: all of them when the read fails (a history table
     * of another shape, a schema the user may not read). A schema or MariaDB database that does not exist yet has an
     * empty history, as it has read on its own. A PostgreSQL database that cannot be reached makes every one of its
     * tenants unreachable.
     */
    private Map<String, TenantPlan> planTogether(SchemaGroups.Group group) {
        Dialect dialect = Dialect.forUrl(group.server().url());
        Map<String, TenantPlan> plans = new LinkedHashMap<>();
        Connection connection;
        try {
            connection = TargetSession.connectToServer(group.server());
        } catch (FlotillaException e) {
            if (!group.databasesInUrl()) {
                group.targets().forEach(t -> plans.put(t.targetKey(), TenantPlan.unreachable(t.tenant().id(),
                        t.target().displayName(), e)));
            }
            return plans;
        }
        Map<String, List<AppliedMigration>> histories;
        Map<String, String> foreign;
        Map<String, Integer> tables;
        java.util.Set<String> missing;
        try (connection) {
            // A history table another session holds (a long ALTER, LOCK TABLE) fails the read in time, and its tenant is
            // read on its own below and said locked, instead of the whole group waiting for it.
            dialect.applyTimeoutsUntilClosed(connection, template.lockTimeout(), null);
            histories = ServerHistories.read(dialect, connection, group.schemas(), group.server().historyTable());
            foreign = foreignHistories(dialect, connection, histories);
            tables = tablesWithoutHistory(dialect, connection, histories, foreign, group.server().historyTable());
            missing = notCreatedYet(dialect, connection, histories);
            read(group, dialect, connection, histories, foreign, tables, missing, plans);
        } catch (SQLException e) {
            return plans;
        }
        return plans;
    }

    /** The plans of {@code group}'s targets from what was read of them together, their keys checked over {@code connection}. */
    private void read(SchemaGroups.Group group, Dialect dialect, Connection connection,
                      Map<String, List<AppliedMigration>> histories, Map<String, String> foreign, Map<String, Integer> tables,
                      Set<String> missing, Map<String, TenantPlan> plans) {
        GroupColumns columns = new GroupColumns(dialect, connection, group.schemas());
        for (TenantTarget tenant : group.targets()) {
            List<AppliedMigration> history = histories.get(SchemaGroups.schemaOf(tenant));
            String foreignTable = foreign.get(SchemaGroups.schemaOf(tenant));
            if (foreignTable != null) {
                plans.put(tenant.targetKey(), foreign(tenant, group.server().historyTable(), foreignTable));
            } else if (history != null) {
                String name = tenant.target().displayName();
                TargetPlan plan = TargetPlan.of(migrations, history, name, PendingScripts.placeholderValues(template, tenant));
                TenantPlan read = TenantPlan.of(tenant.tenant().id(), plan, name, template.policy());
                String schema = SchemaGroups.schemaOf(tenant);
                plans.put(tenant.targetKey(), missing.contains(schema)
                        ? read.withNotice(TargetNotCreatedYet.whenPlanning(name, group.noun(),
                                tenant.tenant().id()))
                        : noticing(ForeignKeyPreflight.planned(read, plan, template.forTarget(tenant.target(),
                                tenant.tenant().id().value()), migrations, dialect, connection, schema, columns),
                                tables.getOrDefault(schema, 0), group.server().historyTable()));
            }
        }
    }

    /**
     * The schemas without Flotilla's history that hold another tool's, by schema: a catalog query per tool, and only
     * when some schema has no history (a fleet deployed before costs nothing more).
     */
    private static Map<String, String> foreignHistories(Dialect dialect, Connection connection,
                                                        Map<String, List<AppliedMigration>> histories) throws SQLException {
        List<String> unversioned = histories.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        Map<String, String> foreign = new LinkedHashMap<>();
        if (!unversioned.isEmpty()) {
            for (String table : ForeignHistory.TABLES) {
                dialect.schemasWithTable(connection, unversioned, table).forEach(schema -> foreign.putIfAbsent(schema, table));
            }
        }
        return foreign;
    }

    /**
     * The schemas (MariaDB: databases) with no history that do not exist on the server: one catalog query, and only when
     * some schema has no history.
     */
    private static java.util.Set<String> notCreatedYet(Dialect dialect, Connection connection,
                                                      Map<String, List<AppliedMigration>> histories) throws SQLException {
        List<String> unversioned = histories.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (unversioned.isEmpty()) {
            return Set.of();
        }
        Set<String> existing = dialect.existingSchemas(connection, unversioned);
        return unversioned.stream().filter(s -> !existing.contains(s)).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * How many tables each schema holds that has no history table (Flotilla's or another tool's): one grouped catalog
     * query for the group, and only when some schema has no history rows.
     */
    private static Map<String, Integer> tablesWithoutHistory(Dialect dialect, Connection connection,
                                                             Map<String, List<AppliedMigration>> histories,
                                                             Map<String, String> foreign, String historyTable) throws SQLException {
        List<String> unversioned = histories.entrySet().stream().filter(e -> e.getValue().isEmpty() && !foreign.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
        return unversioned.isEmpty() ? Map.of() : dialect.tablesWithoutHistory(connection, unversioned, historyTable);
    }

    /**
     * The plan with the hint a target gets that has {@code tables} but no history at all: a deploy would run the first
     * migration again on an existing database.
     */
    private static TenantPlan noticing(TenantPlan plan, int tables, String historyTable) {
        return tables == 0 || plan.currentVersion() != null ? plan
                : plan.withNotice(TablesWithoutHistory.whenPlanning(plan.target(), tables, historyTable));
    }

    /** A tenant blocked by {@code table}, another tool's history on a target without Flotilla's, as a deploy would be. */
    private static TenantPlan foreign(TenantTarget tenant, String historyTable, String table) {
        String name = tenant.target().displayName();
        return new TenantPlan(tenant.tenant().id(), name, null, List.of(), List.of(ForeignHistory.problem(name, historyTable,
                table).forTenant(tenant.tenant().id())), null, null, null);
    }

    /**
     * A target read on its own (a SQLite or H2 database, a schema its group could not read): its history, and when it
     * has none, its tables, for another tool's history that a deploy would refuse to run on top of.
     */
    private TenantPlan planOne(TenantTarget tenant, ConnectionReuse connections) {
        TargetOptions options = template.forTarget(tenant.target(), tenant.tenant().id().value());
        String name = tenant.target().displayName();
        try {
            return TargetWork.run(connections, options, false, false, session -> {
                List<AppliedMigration> history = session.history().read();
                if (!session.schemaExists()) {
                    return TenantPlan.of(tenant.tenant().id(), PendingScripts.planOf(options, migrations, session, history), name,
                            options.policy()).withNotice(TargetNotCreatedYet.whenPlanning(name,
                            TargetNotCreatedYet.kind(session.targetNoun()), tenant.tenant().id()));
                }
                List<String> tables = session.history().exists() ? List.of() : session.userTables();
                String foreignTable = ForeignHistory.among(tables);
                if (foreignTable != null) {
                    return foreign(tenant, session.history().name(), foreignTable);
                }
                TargetPlan plan = PendingScripts.planOf(options, migrations, session, history);
                TenantPlan read = ForeignKeyPreflight.planned(TenantPlan.of(tenant.tenant().id(), plan, name, options.policy()),
                        plan, options, migrations, session.dialect(), session.connection(), session.schema());
                return noticing(read, tables.size(), session.history().name());
            });
        } catch (FlotillaException e) {
            if (e.code() == ErrorCode.FOREIGN_HISTORY) { // reached, and blocked as a deploy would be: not unreachable
                return new TenantPlan(tenant.tenant().id(), name, null, List.of(), List.of(new Problem(e.code(), e.advice(),
                        null).forTenant(tenant.tenant().id())), null, null, null);
            }
            return TenantPlan.unreachable(tenant.tenant().id(), name, e);
        }
    }
}
