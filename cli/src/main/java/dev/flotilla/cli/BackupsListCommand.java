package dev.flotilla.cli;

import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", header = "The backups whose files are kept, newest first.",
        description = {"The backups whose files are kept, newest first, one line per tenant: the backup's id",
        "(what `restore --backup ID` takes), tenant, when, size, and the deployment it was taken before."})
final class BackupsListCommand extends FleetCommand {
    @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's backups.")
    String tenant;

    @Option(names = "--limit", paramLabel = "N", converter = LimitConverter.class, defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    BackupsListCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "backups list";
    }

    @Override
    int execute() {
        List<BackupRecord> backups = planeToRead().backups().newest(tenant == null ? null : TenantId.of(tenant), limit);
        Table.print(output, new String[] {"Backup", "Tenant", "Taken", "Size", "Deployment", "Path"},
                backups.stream().map(b -> new String[] {b.backupId(), b.tenant().value(), LocalTimes.format(b.createdAt()),
                        b.sizeBytes() + " B", b.deployment() == null ? "-" : b.deployment(), b.path().toString()}).toList());
        if (backups.isEmpty()) {
            output.line(tenant == null ? "No backups kept." : "No backups of " + tenant + " kept.");
        }
        return output.finish(name(), Map.of("backups", backups.stream().map(BackupRecord::asMap).toList()), List.of());
    }

}
