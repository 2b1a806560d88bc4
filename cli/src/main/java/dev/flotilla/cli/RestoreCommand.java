package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.FleetRestore;
import dev.flotilla.run.TenantRestore;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", header = "Put tenants back as a backup holds them.",
        description = {"Put tenants back as the backups taken before a deployment, or with `backup`, hold them",
        "(schema, data, history), checking each file's SHA-256 and the restored schema's fingerprint. Everything changed",
        "since is lost. Tenants are restored in parallel (--concurrency, --per-server)."})
final class RestoreCommand extends FleetCommand {
    @Mixin
    SelectionOptions selection;

    @Mixin
    ConcurrencyOptions limits;

    @Option(names = "--deployment", paramLabel = "ID", description = "The deployment whose backups (taken before it) to restore.")
    String deployment;

    @Option(names = "--backup", paramLabel = "ID", description = {"The backup to restore: the id `backup` printed"
            + " (manual-<time>), or a deployment's; `backups list` lists them."})
    String backup;

    @Option(names = "--all-failed", description = "Restore the tenants that failed in that deployment.")
    boolean allFailed;

    @Option(names = "--yes", description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
    boolean yes;

    @Option(names = "--lock-wait", converter = DurationConverter.class, description = "How long to wait for a tenant another"
            + " Flotilla run holds, such as a deployment migrating it (default: deploy.lockWait).")
    java.time.Duration lockWait;

    RestoreCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "restore";
    }

    @Override
    String refusedAction() {
        return "restore.requested";
    }

    @Override
    ConcurrencyOptions concurrencyOptions() {
        return limits;
    }

    @Override
    int execute() {
        if ((deployment == null) == (backup == null)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Name what to restore from: --backup ID (see `flotilla backups list`)"
                    + " or --deployment ID, not both.");
        }
        if (allFailed == selection.given()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Name the tenants to restore: --tenants/--group/--all, or --all-failed.");
        }
        if (allFailed && deployment == null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--all-failed takes the tenants that failed in a deployment: use it"
                    + " with --deployment ID, or name the tenants of backup " + backup + " with --tenants/--group/--all.");
        }
        // An id that names nothing is said before --yes is asked for.
        if (deployment != null) {
            plane().deployments().require(deployment);
        } else if (!plane().backups().exists(backup)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No backup " + backup + " in the control plane (or backup.keep"
                    + " has deleted its files); see `flotilla backups list`.");
        }
        // As the console refuses it: a deployment still running would race the restore (one killed is restored).
        FleetRestore.requireNotRunning(plane(), deployment != null ? deployment : backup);
        String source = deployment != null ? "the backups taken before " + deployment : "backup " + backup;
        RegisteredFleet fleet = RegisteredFleet.read(context());
        List<TenantTarget> registered = fleet.targets();
        Set<TenantId> chosen = allFailed
                ? plane().deployments().tasks(deployment).stream().filter(t -> t.status() == TaskStatus.FAILED)
                        .map(t -> t.tenant()).collect(Collectors.toSet())
                : fleet.select(selection).stream().map(t -> t.id()).collect(Collectors.toSet());
        List<TenantTarget> tenants = registered.stream().filter(t -> chosen.contains(t.tenant().id())).toList();
        if (tenants.isEmpty()) {
            throw new FlotillaException(ErrorCode.TENANT_NOT_FOUND, "No tenant to restore from " + source + ".");
        }
        FleetRestore.requireWholeTargets(tenants, registered);
        if (!yes) {
            String replaces = FleetRestore.replacing(tenants, source);
            Confirmation.ask(output, "Replace " + replaces + "?", "restore replaces " + replaces + ". There is no terminal to"
                    + " confirm on: pass --yes to go ahead.", "nothing was restored");
        }
        FleetRestore restore = new FleetRestore(plane(), config().backup().dir(), config().deploy().lockTimeout(),
                lockWait != null ? lockWait : config().deploy().lockWait(), context().concurrency(), context().perServer(),
                actor());
        List<TenantRestore> results = deployment != null ? restore.restore(deployment, tenants) : restore.restoreBackup(backup, tenants);
        return report(results, source);
    }

    private int report(List<TenantRestore> results, String source) {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (TenantRestore result : results) {
            output.line(result.ok() ? output.green("restored") + " " + result.tenant() + " from " + result.backup()
                    + (result.waited() == null ? "" : " (it " + result.waited() + ")")
                    : output.red("FAILED") + " " + result.tenant() + ": " + result.error());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", result.tenant().value());
            entry.put("ok", result.ok());
            entry.put("backup", result.backup());
            entry.put("error", result.error());
            entry.put("waited", result.waited());
            entries.add(entry);
            if (!result.ok()) {
                errors.add(Errors.forTenant(result.code(), result.error(), result.tenant().value()));
            }
        }
        long failed = results.stream().filter(r -> !r.ok()).count();
        output.line("Restored " + (results.size() - failed) + " of " + results.size() + " tenant(s) from " + source + ".");
        List<String> restored = results.stream().filter(TenantRestore::ok).map(r -> r.tenant().value()).toList();
        if (!restored.isEmpty()) {
            // As seed 002's checklist goes on after a restore: verify the tenants, then see where they stand.
            // Past a few, the whole fleet: a command that runs as printed, not a line of a thousand names.
            String tenants = restored.size() <= 10 ? String.join(",", restored) : null;
            String selection = tenants == null ? "--all" : "--tenants " + tenants;
            output.line("Check them with `flotilla verify " + selection + "`, and see what is pending on them again"
                    + " with `flotilla plan " + selection + "`.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment", deployment);
        data.put("backup", backup != null ? backup : deployment);
        data.put("tenants", entries);
        return output.finish(name(), data, errors);
    }
}
