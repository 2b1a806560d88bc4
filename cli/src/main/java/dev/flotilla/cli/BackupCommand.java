package dev.flotilla.cli;

import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.run.FleetBackup;
import dev.flotilla.run.SharedTargets;
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
        "(--concurrency, --per-server); one that fails is reported and the others are still backed up (exit 1).",
        "A target tenants share (shared-schema) is backed up once, into a file named after it, recorded for every one of",
        "them, selected or not."})
final class BackupCommand extends FleetCommand {
    @Mixin
    SelectionOptions selection;

    @Mixin
    ConcurrencyOptions limits;

    BackupCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "backup";
    }

    @Override
    ConcurrencyOptions concurrencyOptions() {
        return limits;
    }

    @Override
    int execute() {
        List<String> notes = new ArrayList<>();
        RegisteredFleet fleet = RegisteredFleet.read(context());
        List<TenantTarget> tenants = withTenantsSharingTheirTargets(fleet.selected(selection), fleet.targets(), notes);
        FleetBackup.Run run = new FleetBackup(plane(), config().backup().dir(), config().deploy().lockTimeout(),
                context().concurrency(), context().perServer(), config().backup().keep())
                .run(tenants, id -> {
                    output.line("Backup " + id + " started: " + tenants.size() + " tenant(s)");
                    notes.forEach(output::line);
                });
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<java.nio.file.Path, List<String>> byFile = new LinkedHashMap<>();
        run.tenants().stream().filter(t -> t.backup() != null).forEach(t -> byFile.computeIfAbsent(t.backup().path(),
                k -> new ArrayList<>()).add(t.tenant().value()));
        java.util.Set<java.nio.file.Path> printed = new java.util.HashSet<>();
        for (TenantBackup tenant : run.tenants()) {
            entries.add(entry(tenant, run.backedUp() == 0 ? null : run.id(), byFile, printed));
            if (!tenant.ok()) {
                errors.add(Errors.forTenant(tenant.code(), tenant.error(), tenant.tenant().value()));
            }
        }
        long done = run.backedUp();
        List<TenantBackup> failed = run.failed();
        String failures = failed.isEmpty() ? "" : "; " + failed.size() + " failed: "
                + failed.stream().map(t -> t.tenant().value()).collect(Collectors.joining(", "));
        long shared = byFile.values().stream().filter(t -> t.size() > 1).count();
        output.line("Backed up " + done + " of " + tenants.size() + " tenant(s) as backup " + run.id()
                + (shared == 0 ? "" : " (" + byFile.size() + " file(s): tenants sharing a target share its file)") + failures
                + (done == 0 ? "." : shared == 0 ? "; `flotilla restore --backup " + run.id() + " --tenants ID --yes` puts one back."
                : "; `flotilla restore --backup " + run.id() + " --tenants ID,... --yes` with every tenant sharing a target puts"
                        + " the target back."));
        plane().audit().record(actor(), "backup", null, null, "backup " + run.id() + ": " + done + " of " + tenants.size()
                + " tenant(s) backed up" + failures, failed.isEmpty() ? "ok" : "failed", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backup", done == 0 ? null : run.id());
        data.put("tenants", entries);
        return output.finish(name(), data, errors);
    }

    /**
     * The selected tenants and every tenant sharing a target with one of them (shared-schema): the backup of a target
     * holds all their rows, so it is recorded for each of them, and said so.
     */
    private static List<TenantTarget> withTenantsSharingTheirTargets(List<TenantTarget> selected, List<TenantTarget> registered,
                                                                     List<String> notes) {
        for (SharedTargets.Partial p : SharedTargets.partial(selected, registered)) {
            notes.add(String.join(", ", p.selected().stream().map(Object::toString).toList()) + " share" + (p.selected().size() == 1
                    ? "s " : " ") + p.target() + " with " + String.join(", ", p.leftOut().stream().map(Object::toString).toList())
                    + ": it is backed up once, with every tenant's rows, recorded for all of them.");
        }
        return SharedTargets.withSharing(selected, registered);
    }

    /** A tenant's entry; a file tenants share (shared-schema) is printed once, naming them all. */
    private Map<String, Object> entry(TenantBackup tenant, String id, Map<java.nio.file.Path, List<String>> byFile,
                                      java.util.Set<java.nio.file.Path> printed) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", tenant.tenant().value());
        entry.put("status", tenant.status());
        BackupRecord b = tenant.backup();
        if (b != null) {
            List<String> sharing = byFile.get(b.path());
            if (printed.add(b.path())) {
                output.line("backed up " + (sharing.size() == 1 ? tenant.tenant() : "the target " + String.join(", ", sharing)
                        + " share, once,") + " to " + b.path() + " (" + b.sizeBytes() + " bytes, " + b.millis() + " ms)");
            }
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
