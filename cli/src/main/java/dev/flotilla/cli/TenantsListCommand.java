package dev.flotilla.cli;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenancy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Registered tenants with their target and last known state.")
final class TenantsListCommand extends FleetCommand {
    @Option(names = "--group", paramLabel = "G", description = "Only the tenants of this group.")
    String group;

    @Option(names = "--status", paramLabel = "S", description = "Only tenants in this state: unknown, up-to-date, pending, migrating, interrupted, failed,"
            + " blocked, failed-verification, unreachable, locked, refused, rolled-back, restored.")
    String status;

    TenantsListCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "tenants list";
    }

    @Override
    int execute() {
        Tenancy tenancy = tenancyForDisplay();
        List<TenantRecord> tenants = planeToRead().tenants().all().stream()
                .filter(t -> group == null || t.tenant().inGroup(group))
                .filter(t -> status == null || t.status().equals(status)).toList();
        Table.print(output, new String[] {"Tenant", "Name", "Groups", "Status", "Version", "Target"}, tenants.stream()
                .map(t -> new String[] {t.tenant().id().value(), t.tenant().name(), String.join(",", t.tenant().groups()),
                        t.status(), t.currentVersion() == null ? "" : t.currentVersion(),
                        tenancy.displayNameOf(t.tenant())}).toList());
        output.line(tenants.size() + " tenant(s)");
        List<Map<String, Object>> json = tenants.stream().map(t -> json(t, tenancy)).toList();
        return output.finish(name(), Map.of("tenants", json), List.of());
    }

    static Map<String, Object> json(TenantRecord record, Tenancy tenancy) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", record.tenant().id().value());
        entry.put("name", record.tenant().name());
        entry.put("groups", record.tenant().groups());
        entry.put("target", tenancy.displayNameOf(record.tenant())); // its password (file) not read: not needed here
        entry.putAll(record.tenant().credentials().shown());
        entry.put("status", record.status());
        entry.put("currentVersion", record.currentVersion());
        entry.put("pending", record.pendingCount()); // deprecated (README): pendingCount; removed in 1.0
        entry.put("pendingCount", record.pendingCount()); // as plan says it (there "pending" lists the versions)
        entry.put("lastDeployment", record.lastDeployment());
        entry.put("lastError", record.lastError());
        entry.put("updatedAt", record.updatedAt().toString());
        entry.put("checkedAt", record.checkedAt() == null ? null : record.checkedAt().toString()); // null: never read
        return entry;
    }
}
