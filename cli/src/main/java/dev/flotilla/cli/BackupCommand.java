package dev.flotilla.cli;

import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.run.FleetBackup;
import dev.flotilla.run.TenantBackup;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backup", header = "Back up the selected tenants now.",
        description = {"Back up the selected tenants now, with the database's own tools, into backup.dir:",
        "path, size, SHA-256, duration and schema fingerprint are kept in the control plane. The first line names the",
        "backup's id, which `restore --backup ID` takes; `backups list` lists them. Tenants are backed up in parallel",
        "(deploy.concurrency, deploy.perServer); one that fails is reported and the others are still backed up (exit 1)."})
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
        List<TenantTarget> tenants = targets(selection.select(plane()));
        var deploy = config().deploy();
        FleetBackup.Run run = new FleetBackup(plane(), config().backup().dir(), deploy.lockTimeout(), deploy.concurrency(),
                deploy.perServer())
                .run(tenants, id -> output.line("Backup " + id + " started: " + tenants.size() + " tenant(s)"));
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (TenantBackup tenant : run.tenants()) {
            entries.add(entry(tenant, run.backedUp() == 0 ? null : run.id()));
            if (!tenant.ok()) {
                errors.add(Errors.forTenant(tenant.code(), tenant.error(), tenant.tenant().value()));
            }
        }
        long done = run.backedUp();
        List<TenantBackup> failed = run.failed();
        String failures = failed.isEmpty() ? "" : "; " + failed.size() + " failed: "
                + failed.stream().map(t -> t.tenant().value()).collect(Collectors.joining(", "));
        output.line("Backed up " + done + " of " + tenants.size() + " tenant(s) as backup " + run.id() + failures
                + (done == 0 ? "." : "; `flotilla restore --backup " + run.id() + " --tenants ID --yes` puts one back."));
        plane().audit().record(actor(), "backup", null, null, "backup " + run.id() + ": " + done + " of " + tenants.size()
                + " tenant(s) backed up" + failures, failed.isEmpty() ? "ok" : "failed", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backup", done == 0 ? null : run.id());
        data.put("tenants", entries);
        return output.finish(name(), data, errors);
    }

    private Map<String, Object> entry(TenantBackup tenant, String id) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", tenant.tenant().value());
        entry.put("status", tenant.status());
        BackupRecord b = tenant.backup();
        if (b != null) {
            output.line("backed up " + tenant.tenant() + " to " + b.path() + " (" + b.sizeBytes() + " bytes, " + b.millis() + " ms)");
            entry.put("backup", id);
            entry.put("path", b.path().toString());
            entry.put("sizeBytes", b.sizeBytes());
            entry.put("sha256", b.sha256());
            entry.put("timeMs", b.millis());
        } else if (tenant.ok()) {
            output.line("nothing to back up for " + tenant.tenant() + ": its schema, database or database file does"
                    + " not exist (not deployed yet)");
        } else {
            output.line(output.red("FAILED") + " " + tenant.tenant() + ": " + tenant.error());
            entry.put("error", tenant.error());
        }
        return entry;
    }
}
