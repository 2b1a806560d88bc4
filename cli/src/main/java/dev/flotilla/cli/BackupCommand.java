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

@Command(name = "backup", header = "Back up the selected tenants now.",
        description = {"Back up the selected tenants now, with the database's own tools, into backup.dir:",
        "path, size, SHA-256, duration and schema fingerprint are kept in the control plane. The first line names the",
        "backup's id, which `restore --backup ID` takes; `backups list` lists them."})
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
        String id = backups.startManual();
        output.line("Backup " + id + " started: " + tenants.size() + " tenant(s)");
        List<Map<String, Object>> taken = new ArrayList<>();
        try {
            for (TenantTarget tenant : tenants) {
                taken.add(entry(tenant, backups.takeManual(tenant.tenant().id(), tenant.target(), id)));
            }
        } finally {
            backups.discardIfEmpty(id);
        }
        long done = taken.stream().filter(t -> t.containsKey("path")).count();
        output.line("Backed up " + done + " of " + tenants.size() + " tenant(s) as backup " + id
                + (done == 0 ? "." : "; `flotilla restore --backup " + id + " --tenants ID --yes` puts one back."));
        plane().audit().record(actor(), "backup", null, null, "backup " + id + ": " + taken.size() + " tenant(s)");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backup", done == 0 ? null : id);
        data.put("tenants", taken);
        return output.finish(name(), data, List.of());
    }

    private Map<String, Object> entry(TenantTarget tenant, Optional<BackupRecord> backup) {
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
        return entry;
    }
}
