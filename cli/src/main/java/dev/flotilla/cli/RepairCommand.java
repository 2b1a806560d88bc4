package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetRepair;
import dev.flotilla.run.FleetRepair.TenantRepair;
import dev.flotilla.run.HistoryChange;
import dev.flotilla.run.RepairRequest;
import dev.flotilla.run.SharedTargets;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repair", header = "Resolve failed migrations in the history.",
        description = {"Resolve failed migrations in the history: remove their records (default) so they run again,",
        "or mark one as applied after finishing it by hand, or a failed rollback as finished (--mark-undone).",
        "Optionally accept edited files.",
        "One target with --url; tenants of the fleet with --tenants/--group/--all, in parallel as deploy runs them",
        "(--concurrency, --per-server)."})
final class RepairCommand extends TargetOrFleetCommand {
    /** Repair loads what it repairs: an edited, missing or out-of-order file is what it may be asked to accept. */
    private static final ValidationPolicy LENIENT = new ValidationPolicy(true, true, true);

    @Option(names = "--mark-applied", paramLabel = "VERSION", description = "Mark the failed VERSION as applied instead of removing it.")
    String markApplied;

    @Option(names = "--mark-undone", paramLabel = "VERSION", description = "Mark the failed rollback of VERSION as finished"
            + " (the rest of its down file run by hand): VERSION is recorded as undone.")
    String markUndone;

    @Option(names = "--realign-checksums", description = "Record the current checksum of applied files that were edited.")
    boolean realignChecksums;

    @Option(names = "--rerun-from-start", description = {"Remove the failed record of a migration whose statements stay"
            + " applied (MariaDB, H2: each statement commits), so it runs again from statement 1: you undid them by hand,"
            + " or they can run again as they are (IF NOT EXISTS). Without it, repair refuses such a record, naming the"
            + " statements to undo first."})
    boolean rerunFromStart;

    RepairCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "repair";
    }

    @Override
    String refusedAction() {
        return "repair.requested";
    }

    private RepairRequest request() {
        if (markApplied != null && markUndone != null) {
            throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "--mark-applied and --mark-undone do"
                    + " not go together: a version's failed record is either its migration (--mark-applied) or its"
                    + " rollback (--mark-undone).");
        }
        if (rerunFromStart && (markApplied != null || markUndone != null)) {
            throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "--rerun-from-start goes with a"
                    + " plain repair, which removes failed records; --mark-applied and --mark-undone keep the record and"
                    + " mark it instead.");
        }
        return new RepairRequest(markApplied == null ? null : Versions.parse(markApplied, "--mark-applied"),
                markUndone == null ? null : Versions.parse(markUndone, "--mark-undone"), realignChecksums, rerunFromStart);
    }

    @Override
    int single() {
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output).withPolicy(LENIENT));
        HistoryChange change = flotilla.repair(request());
        return HistoryChanges.finish(output, name(), change);
    }

    @Override
    int fleet(FleetContext context) {
        RepairRequest request = request();
        RegisteredFleet fleet = RegisteredFleet.read(context);
        List<TenantTarget> chosen = fleet.selected(selection);
        // A shared target's history is every tenant's on it: repaired for them all, each recorded and audited.
        List<TenantTarget> registered = fleet.targets();
        SharedTargets.alsoRepaired(SharedTargets.partial(chosen, registered)).forEach(output::line);
        List<TenantTarget> targets = SharedTargets.withSharing(chosen, registered);
        LoadedMigrations migrations = context.loadMigrations(); // once, not per tenant
        List<TenantRepair> results = new FleetRepair(context.template(LENIENT), migrations, context.concurrency(),
                context.perServer()).repair(targets, request);
        List<Map<String, Object>> tenants = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (TenantRepair result : results) {
            String id = result.tenant().value();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("target", result.target());
            if (result.ok()) {
                entry.put("actions", result.change().actions());
                output.line(output.green("repaired") + " " + id + ": " + String.join("; ", result.change().actions()));
            } else {
                entry.put("error", result.error());
                Errors.withCommands(entry, result.commands());
                output.line(output.red("refused") + " " + id + ": " + result.error());
                errors.add(Errors.withCommands(Errors.forTenant(result.code(), result.error(), id), result.commands()));
            }
            tenants.add(entry);
        }
        // The control plane's view of them, read again: a repaired tenant is pending or up to date now.
        PlanCommand.record(context.plane(), context.planner(migrations).plan(targets), fleet.records());
        audit(context, results, errors.size());
        return output.finish(name(), Map.of("tenants", tenants), errors);
    }

    /**
     * An entry per tenant saying what was removed or left applied (or why it was refused), as a restore records each
     * tenant, so {@code audit --tenant} finds it; then the run's own, with its outcome. Written in one transaction.
     */
    private void audit(FleetContext context, List<TenantRepair> results, int refused) {
        String asked = (markApplied != null ? ", marked " + markApplied + " applied" : "")
                + (rerunFromStart ? ", to rerun from the start" : "")
                + (markUndone != null ? ", marked " + markUndone + " undone" : "")
                + (realignChecksums ? ", checksums realigned" : "");
        context.plane().together("auditing the repair", () -> {
            for (TenantRepair result : results) {
                context.plane().audit().record(context.actor(), "repair", result.tenant().value(), null, result.ok()
                        ? String.join(" ", result.change().actions()) : result.error(), result.ok() ? "ok" : "failed", null);
            }
            context.plane().audit().record(context.actor(), "repair.finished", null, null, results.size() + " tenant(s), "
                    + refused + " refused" + asked, refused == 0 ? "ok" : "failed", null);
        });
    }
}
