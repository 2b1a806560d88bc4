package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.HistoryChange;
import dev.flotilla.run.RepairRequest;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repair", header = "Resolve failed migrations in the history.",
        description = {"Resolve failed migrations in the history: remove their records (default) so they run again,",
        "or mark one as applied after finishing it by hand. Optionally accept edited files.",
        "One target with --url; tenants of the fleet with --tenants/--group/--all, one after the other."})
final class RepairCommand extends TargetOrFleetCommand {
    /** Repair loads what it repairs: an edited, missing or out-of-order file is what it may be asked to accept. */
    private static final ValidationPolicy LENIENT = new ValidationPolicy(true, true, true);

    @Option(names = "--mark-applied", paramLabel = "VERSION", description = "Mark the failed VERSION as applied instead of removing it.")
    String markApplied;

    @Option(names = "--realign-checksums", description = "Record the current checksum of applied files that were edited.")
    boolean realignChecksums;

    RepairCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "repair";
    }

    private RepairRequest request() {
        return new RepairRequest(markApplied == null ? null : Versions.parse(markApplied, "--mark-applied"), realignChecksums);
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
        List<TenantTarget> targets = context.targets(selection.select(context.plane()));
        TargetOptions template = context.template(LENIENT);
        dev.flotilla.migration.LoadedMigrations migrations = context.loadMigrations(); // once, not per tenant
        List<Map<String, Object>> tenants = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (TenantTarget tenant : targets) {
            String id = tenant.tenant().id().value();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("target", tenant.target().displayName());
            try {
                HistoryChange change = new dev.flotilla.run.HistoryRepair(template.forTarget(tenant.target(), id), migrations)
                        .repair(request);
                entry.put("actions", change.actions());
                output.line(output.green("repaired") + " " + id + ": " + String.join("; ", change.actions()));
            } catch (FlotillaException e) {
                entry.put("error", e.getMessage());
                output.line(output.red("refused") + " " + id + ": " + e.getMessage());
                errors.add(Errors.forTenant(e.code(), e.getMessage(), id));
            }
            tenants.add(entry);
        }
        // The control plane's view of them, read again: a repaired tenant is pending or up to date now.
        PlanCommand.record(context.plane(), context.planner(migrations).plan(targets));
        context.plane().audit().record(context.actor(), "repair", null, null, targets.size() + " tenant(s), "
                + errors.size() + " refused" + (markApplied != null ? ", marked " + markApplied + " applied" : "")
                + (realignChecksums ? ", checksums realigned" : ""));
        return output.finish(name(), Map.of("tenants", tenants), errors);
    }
}
