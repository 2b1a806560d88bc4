package dev.flotilla.cli;

import dev.flotilla.backup.Backups;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backup", description = {"Back up the selected tenants now, with the database's own tools, into backup.dir:",
        "path, size, SHA-256, duration and schema fingerprint are kept in the control plane."})
final class BackupCommand extends FleetCommand {
    @Mixin
    SelectionOptions selection;

    BackupCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "backup";
    }

    @Override
    int execute() {
        Backups backups = new Backups(plane(), config().backup().dir());
        List<TenantTarget> tenants = targets(selection.select(plane()));
        String run = backups.startManual();
        List<Map<String, Object>> taken = new ArrayList<>();
        try {
            for (TenantTarget tenant : tenants) {
                Optional<BackupRecord> backup = backups.takeManual(tenant.tenant().id(), tenant.target(), run);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", tenant.tenant().id().value());
                if (backup.isPresent()) {
                    BackupRecord b = backup.get();
                    output.line("backed up " + tenant.tenant().id() + " to " + b.path() + " (" + b.sizeBytes() + " bytes, " + b.millis() + " ms)");
                    entry.put("path", b.path().toString());
                    entry.put("sizeBytes", b.sizeBytes());
                    entry.put("sha256", b.sha256());
                    entry.put("timeMs", b.millis());
                } else {
                    output.line("nothing to back up for " + tenant.tenant().id() + ": its schema does not exist yet");
                }
                taken.add(entry);
            }
        } finally {
            backups.discardIfEmpty(run);
        }
        plane().audit().record(actor(), "backup", null, null, taken.size() + " tenant(s)");
        return output.finish(name(), Map.of("tenants", taken), List.of());
    }
}
