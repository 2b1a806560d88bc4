package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetBaseline;
import dev.flotilla.run.FleetBaseline.TenantBaseline;
import dev.flotilla.run.HistoryChange;
import dev.flotilla.run.TenantTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", header = "Record migrations up to VERSION as applied without running them.",
        description = {"Record every migration up to VERSION as applied without running it, for targets that",
        "predate Flotilla and have no history: one target (--url) or tenants of the fleet (--tenants/--group/--all,",
        "in parallel: --concurrency, --per-server)."})
final class BaselineCommand extends TargetOrFleetCommand {
    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the target's schema already has.")
    String version;

    BaselineCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "baseline";
    }

    @Override
    String refusedAction() {
        return "baseline.requested";
    }

    @Override
    int single() {
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output));
        HistoryChange change = flotilla.baseline(Versions.parse(version, "--version"));
        return HistoryChanges.finish(output, name(), change);
    }

    @Override
    int fleet(FleetContext context) {
        MigrationVersion baseline = Versions.parse(version, "--version");
        RegisteredFleet fleet = RegisteredFleet.read(context);
        List<TenantTarget> targets = context.targets(fleet.select(selection));
        LoadedMigrations migrations = context.loadMigrations();
        List<TenantBaseline> results = new FleetBaseline(context.template(ValidationPolicy.STRICT), migrations,
                context.concurrency(), context.perServer()).baseline(targets, baseline);
        PlanCommand.record(context.plane(), context.planner(migrations).plan(targets.stream()
                .filter(t -> results.stream().anyMatch(r -> r.ok() && r.tenant().equals(t.tenant().id()))).toList()),
                fleet.records());
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> tenants = new ArrayList<>();
        for (TenantBaseline result : results) {
            String id = result.tenant().value();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("target", result.target());
            entry.put("actions", result.ok() ? result.change().actions() : List.of());
            entry.put("error", result.error());
            tenants.add(entry);
            if (result.ok()) {
                output.line(output.green("baselined") + " " + id + ": " + String.join(" ", result.change().actions()));
            } else {
                output.line(output.red("refused") + " " + id + ": " + result.error());
                errors.add(Errors.forTenant(result.code(), result.error(), id));
            }
        }
        context.plane().audit().record(context.actor(), "baseline", null, null, "version " + baseline + ": " + results.size()
                + " tenant(s), " + errors.size() + " refused" + AdoptCommand.refused(results.stream().filter(r -> !r.ok())
                .map(r -> r.tenant().value()).toList()), errors.isEmpty() ? "ok" : "failed", null);
        return output.finish(name(), Map.of("tenants", tenants), errors);
    }
}
