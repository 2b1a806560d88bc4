package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Advice;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code repair} on tenants of the fleet: each target once, in parallel within the fleet's concurrency and per-server
 * limits, under its target lock. Tenants sharing a target (shared-schema) share its outcome; one refused or
 * unreachable is a result, and the others go on.
 */
public final class FleetRepair {
    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final int concurrency;
    private final int perServer;

    public FleetRepair(TargetOptions template, LoadedMigrations migrations, int concurrency, int perServer) {
        this.template = template;
        this.migrations = migrations;
        this.concurrency = concurrency;
        this.perServer = perServer;
    }

    /**
     * One tenant's outcome: what was changed, or why not (a --mark-applied version not failed there: BAD_USAGE), with the
     * commands its error names for the tenant, as they run (none when it names none).
     */
    public record TenantRepair(TenantId tenant, String target, HistoryChange change, ErrorCode code, String error,
                               List<String> commands) {
        public TenantRepair {
            commands = List.copyOf(commands);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Each tenant's outcome, the template's secret placeholders' values masked in it: a refusal quotes the statements
     * that stay applied as they ran, and no control plane masks what is returned.
     */
    public List<TenantRepair> repair(List<TenantTarget> tenants, RepairRequest request) {
        UnaryOperator<String> mask = SecretPlaceholderMask.of(template).orElse(UnaryOperator.identity());
        return PerTarget.run(tenants, concurrency, perServer, "repairing", t ->
                        new HistoryRepair(template.forTarget(t.target(), t.tenant().id().value()), migrations).repair(request))
                .stream().map(o -> {
                    Advice told = o.advice() == null ? null : o.advice().forTenant(o.tenant()).masked(mask);
                    HistoryChange change = o.value() == null ? null : new HistoryChange(o.value().command(), o.value().target(),
                            o.value().actions().stream().map(mask).toList());
                    return new TenantRepair(o.tenant(), o.target(), change, o.code(), told == null ? null : told.text(),
                            told == null ? List.of() : told.commands());
                }).toList();
    }
}
