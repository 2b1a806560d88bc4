package dev.flotilla.cli;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.control.TenantStore;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code status --fleet}: per tenant, version, pending count, state and last deployment as the control plane
 * knows them, or with {@code live} re-read from every target first. The whole fleet in text is streamed from
 * one query, its columns aligned from the stored lengths, so ten thousand tenants print in a blink and in
 * constant memory; a selection, or JSON, is read into memory first.
 */
final class FleetStatus {
    private static final String[] HEADER = {"Tenant", "Status", "Version", "Pending", "Last deployment", "Checked", "Error"};
    private static final int BLOCK = 64 * 1024;

    private final FleetContext context;
    private final Output output;

    FleetStatus(FleetContext context, Output output) {
        this.context = context;
        this.output = output;
    }

    int show(SelectionOptions selection, boolean live) {
        List<Tenant> selected = selection.given() ? selection.select(context.plane()) : null;
        if (live) {
            List<Tenant> planned = selected != null ? selected
                    : context.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
            List<TenantPlan> plans = context.planner(context.loadMigrations()).plan(context.targets(planned));
            PlanCommand.record(context.plane(), plans);
        }
        if (selected == null && !output.json()) {
            return streamed(live);
        }
        Set<TenantId> ids = selected == null ? null : selected.stream().map(Tenant::id).collect(Collectors.toSet());
        List<TenantRecord> records = context.plane().tenants().all().stream()
                .filter(r -> ids == null || ids.contains(r.tenant().id())).toList();
        Table.print(output, HEADER, records.stream().map(FleetStatus::row).toList());
        Map<String, Long> counts = records.stream().collect(Collectors.groupingBy(TenantRecord::status, Collectors.counting()));
        output.line(summary(records.size(), counts, live));
        Tenancy tenancy = context.tenancyForDisplay();
        return output.finish("status", Map.of("tenants", records.stream().map(r -> TenantsListCommand.json(r, tenancy)).toList(),
                "live", live), List.of());
    }

    /** Every tenant in text, a block of lines at a time, straight from the control plane's rows. */
    private int streamed(boolean live) {
        TenantStore tenants = context.plane().tenants();
        TenantStore.Widths stored = tenants.widths();
        int[] widths = {Math.max(HEADER[0].length(), stored.id()), Math.max(HEADER[1].length(), stored.status()),
                Math.max(HEADER[2].length(), stored.currentVersion()), HEADER[3].length(),
                Math.max(HEADER[4].length(), stored.lastDeployment()), "yyyy-MM-dd HH:mm:ss".length(), 0};
        StringBuilder block = new StringBuilder(BLOCK + 1024);
        block.append(Table.format(HEADER, widths)).append('\n');
        Map<String, Long> counts = new TreeMap<>();
        long[] total = {0};
        tenants.forEach(record -> {
            block.append(Table.format(row(record), widths)).append('\n');
            counts.merge(record.status(), 1L, Long::sum);
            total[0]++;
            if (block.length() >= BLOCK) {
                output.lines(block);
                block.setLength(0);
            }
        });
        output.lines(block);
        output.line(summary(total[0], counts, live));
        return output.finish("status", Map.of(), List.of());
    }

    private static String[] row(TenantRecord r) {
        return new String[] {r.tenant().id().value(), r.status(), r.currentVersion() == null ? "-" : r.currentVersion(),
                r.pendingCount() == null ? "?" : String.valueOf(r.pendingCount()),
                r.lastDeployment() == null ? "" : r.lastDeployment(), when(r.updatedAt()),
                r.lastError() == null ? "" : r.lastError().lines().findFirst().orElse("")};
    }

    private static String summary(long tenants, Map<String, Long> counts, boolean live) {
        return tenants + " tenant(s): " + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + (live ? " (read live from every target)" : " (as last seen; --live re-reads every target)");
    }

    private static String when(Instant at) {
        return at == null ? "" : DeploymentsListCommand.WHEN.format(at);
    }
}
