package dev.flotilla.cli;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code status --fleet}: per tenant, version, pending count, state and last deployment as the control plane
 * knows them (one query, fast for thousands of tenants), or with {@code live} re-read from every target first.
 */
final class FleetStatus {
    private final FleetContext context;
    private final Output output;

    FleetStatus(FleetContext context, Output output) {
        this.context = context;
        this.output = output;
    }

    int show(SelectionOptions selection, boolean live) {
        List<Tenant> selected = selection.given() ? selection.select(context.plane())
                : context.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        if (live) {
            List<TenantPlan> plans = context.planner(context.loadMigrations()).plan(context.targets(selected));
            PlanCommand.record(context.plane(), plans);
        }
        Set<TenantId> ids = selected.stream().map(Tenant::id).collect(Collectors.toSet());
        List<TenantRecord> records = context.plane().tenants().all().stream().filter(r -> ids.contains(r.tenant().id())).toList();
        Table.print(output, new String[] {"Tenant", "Status", "Version", "Pending", "Last deployment", "Checked", "Error"},
                records.stream().map(r -> new String[] {r.tenant().id().value(), r.status(),
                        r.currentVersion() == null ? "-" : r.currentVersion(),
                        r.pendingCount() == null ? "?" : String.valueOf(r.pendingCount()),
                        r.lastDeployment() == null ? "" : r.lastDeployment(), when(r.updatedAt()),
                        r.lastError() == null ? "" : r.lastError().lines().findFirst().orElse("")}).toList());
        Map<String, Long> counts = records.stream().collect(Collectors.groupingBy(TenantRecord::status, Collectors.counting()));
        output.line(records.size() + " tenant(s): " + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + (live ? " (read live from every target)" : " (as last seen; --live re-reads every target)"));
        Tenancy tenancy = context.tenancyForDisplay();
        return output.finish("status", Map.of("tenants", records.stream().map(r -> TenantsListCommand.json(r, tenancy)).toList(),
                "live", live), List.of());
    }

    private static String when(Instant at) {
        return at == null ? "" : DeploymentsListCommand.WHEN.format(at);
    }
}
