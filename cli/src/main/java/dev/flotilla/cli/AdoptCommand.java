package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.history.AdoptionReport;
import dev.flotilla.history.HistorySource;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.FleetHistoryAdoption;
import dev.flotilla.run.FleetHistoryAdoption.TenantAdoption;
import dev.flotilla.run.HistoryAdoption;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adopt", header = "Take over targets that another tool migrated.",
        description = {"Take over a target (--url) or tenants of the fleet that another tool migrated: record",
        "what Flyway (flyway_schema_history), Laravel (migrations), Liquibase (DATABASECHANGELOG) or your own table",
        "(table:NAME) applied, matched to the migration files by name or version, so the next migrate or deploy runs only",
        "what is new. Refused, writing nothing, where Flotilla's history is not empty, a failure is recorded, only some",
        "changesets of a Liquibase file ran, or a row matches no file (unless --allow-unmatched). Tenants are taken over",
        "in parallel (--concurrency, --per-server)."})
final class AdoptCommand extends TargetOrFleetCommand {
    @Option(names = "--from", required = true, paramLabel = "TOOL", description = "flyway, laravel, liquibase or table:NAME; a tool's table"
            + " under another name as TOOL:NAME (flyway:schema_version for Flyway 4 and older).")
    String from;

    @Option(names = "--allow-unmatched", description = "Record the rows that match a file even when others match none.")
    boolean allowUnmatched;

    @Option(names = "--dry-run", description = "Show what would be recorded; write nothing.")
    boolean dryRun;

    AdoptCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "adopt";
    }

    @Override
    String refusedAction() {
        return "adopt.requested";
    }

    @Override
    int single() {
        TargetOptions options = target.toOptions(environment, output);
        LoadedMigrations migrations = Flotilla.load(options).migrations();
        HistorySource source = HistorySource.parse(from);
        AdoptionReport report = new HistoryAdoption(options, migrations).adopt(source, allowUnmatched, dryRun);
        return finish(List.of(new TenantAdoption(TenantId.of("target"), report.target(), report, null, null)), source, false);
    }

    @Override
    int fleet(FleetContext context) {
        HistorySource source = HistorySource.parse(from);
        RegisteredFleet fleet = RegisteredFleet.read(context);
        List<TenantTarget> targets = context.targets(fleet.select(selection));
        LoadedMigrations migrations = context.loadMigrations();
        List<TenantAdoption> results = new FleetHistoryAdoption(context.template(ValidationPolicy.STRICT), migrations,
                context.concurrency(), context.perServer())
                .adopt(targets, source, allowUnmatched, dryRun);
        if (!dryRun) {
            List<TenantTarget> adopted = targets.stream().filter(t -> results.stream()
                    .anyMatch(r -> r.ok() && r.tenant().equals(t.tenant().id()))).toList();
            PlanCommand.record(context.plane(), context.planner(migrations).plan(adopted), fleet.records());
            long failed = results.stream().filter(r -> !r.ok()).count();
            context.plane().audit().record(context.actor(), "adopt", null, null, "from " + source.describe() + ": "
                    + results.size() + " tenant(s), " + failed + " refused or failed" + refused(results.stream()
                    .filter(r -> !r.ok()).map(r -> r.tenant().value()).toList()), failed == 0 ? "ok" : "failed", null);
        }
        return finish(results, source, true);
    }

    /** The tenants a fleet command refused, for its audit entry: {@code "; refused: t01, t02"}, the first 20 named. */
    static String refused(List<String> tenants) {
        return tenants.isEmpty() ? "" : "; refused: " + String.join(", ", tenants.subList(0, Math.min(20, tenants.size())))
                + (tenants.size() > 20 ? " and " + (tenants.size() - 20) + " more" : "");
    }

    private int finish(List<TenantAdoption> results, HistorySource source, boolean fleet) {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> tenants = new ArrayList<>();
        for (TenantAdoption result : results) {
            String id = result.tenant().value();
            String who = fleet ? id + " (" + result.target() + ")" : result.target();
            if (!result.ok()) {
                output.line(output.red("refused") + " " + who + ": " + result.error());
                errors.add(Errors.forTenant(result.code(), result.error(), fleet ? id : null));
            } else {
                AdoptionReport report = result.report();
                output.line(output.green(dryRun ? "would record" : "recorded") + " " + who + ": " + report.recorded().size()
                        + " migration(s) from " + report.source() + (report.recorded().isEmpty() ? ""
                        : ": " + String.join(", ", report.recorded())));
                report.unmatched().forEach(u -> output.line("  " + output.yellow("no file") + " " + u));
                report.notes().forEach(n -> output.line("  note: " + n));
            }
            tenants.add(json(result, fleet));
        }
        long refused = results.stream().filter(r -> !r.ok()).count();
        output.line((dryRun ? "Dry run: nothing written. Would adopt " : "Adopted ") + (results.size() - refused) + " of "
                + results.size() + " target(s)" + (refused > 0 ? "; " + refused + (dryRun ? " would be" : "") + " refused." : "."));
        if (refused < results.size()) {
            String it = source.tables().size() == 1 ? "it" : "them";
            output.line("Left as " + (it.equals("it") ? "it was: " : "they were: ") + String.join(", ", source.tables()) + ", that tool's bookkeeping. Flotilla no"
                    + " longer reads " + it + ", and drift leaves " + it + " out; keep " + it + " while you may go back to that"
                    + " tool, drop " + it + " when you will not.");
        }
        return output.finish(name(), Map.of("tenants", tenants, "written", !dryRun), errors);
    }

    private static Map<String, Object> json(TenantAdoption result, boolean fleet) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (fleet) {
            entry.put("id", result.tenant().value());
        }
        entry.put("target", result.target());
        entry.put("ok", result.ok());
        entry.put("source", result.report() == null ? null : result.report().source());
        entry.put("recorded", result.report() == null ? List.of() : result.report().recorded());
        entry.put("unmatched", result.report() == null ? List.of() : result.report().unmatched());
        entry.put("notes", result.report() == null ? List.of() : result.report().notes());
        entry.put("error", result.error());
        entry.put("code", result.code() == null ? null : result.code().name());
        return entry;
    }
}
