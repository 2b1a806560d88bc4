package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.DriftReport;
import dev.flotilla.run.FleetDrift;
import dev.flotilla.run.ReferenceCache;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "drift", header = "Compare each tenant's live schema with what its history says.",
        description = {"Compare each tenant's live schema with the schema its history says it should have (its",
        "applied migrations run in a scratch target, once per distinct history, then remembered by fingerprint), and group",
        "tenants by what differs: an index added by hand, a column missing, an extra table. Reads only. Exit 1 when a",
        "tenant could not be read (its code: TARGET_MISSING, LOCK_TIMEOUT, CONNECTION_FAILED...), and with",
        "--fail-on-drift when a tenant drifted (DRIFT_FOUND) or its status is unknown (DRIFT_UNKNOWN). Tenants are read in",
        "parallel (--concurrency, --per-server). With --accept, record the selected tenants' live schemas as what their histories produce",
        "(after a reviewed hotfix, or tables older than Flotilla): drift compares them with that from then on."})
final class DriftCommand extends TargetOrFleetCommand {
    @Option(names = "--fail-on-drift", description = "Exit 1 when drift is found (DRIFT_FOUND) or a tenant could not be"
            + " checked (DRIFT_UNKNOWN), for CI.")
    boolean failOnDrift;

    @Option(names = "--accept", description = "Accept the selected tenants' live schemas as what their histories, as they"
            + " stand, produce: drift compares them with these from now on (fleet only; audited).")
    boolean accept;

    DriftCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "drift";
    }

    @Override
    String refusedAction() {
        return accept ? "drift-accept" : null;
    }

    @Override
    int single() {
        if (accept) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "drift --accept records the accepted schema in the control plane:"
                    + " name tenants of the fleet (--tenants, --group or --all, with flotilla.yml), not one target (--url).");
        }
        TargetOptions options = target.toOptions(environment, output);
        LoadedMigrations migrations = Flotilla.load(options).migrations();
        Tenant tenant = new Tenant(TenantId.of(options.tenant() != null ? options.tenant() : "target"), null, null, null, List.of());
        DriftReport report = new FleetDrift(options, migrations, 1, 1, ReferenceCache.inMemory())
                .check(List.of(new TenantTarget(tenant, options.target())));
        return finish(report, false);
    }

    @Override
    int fleet(FleetContext context) {
        if (accept && failOnDrift) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--accept records the live schemas, it checks nothing: drop"
                    + " --fail-on-drift, and run flotilla drift --fail-on-drift after it.");
        }
        RegisteredFleet fleet = RegisteredFleet.read(context);
        List<TenantTarget> targets = fleet.selected(selection);
        if (accept) {
            return AcceptedSchemas.accept(output, context, targets, fleet.targets());
        }
        LoadedMigrations migrations = context.loadMigrations();
        output.progress("Checking " + targets.size() + " tenant(s) for drift...");
        DriftReport report = new FleetDrift(context.template(ValidationPolicy.STRICT), migrations,
                context.concurrency(), context.perServer(), context.plane().drift(), context.plane().acceptances())
                .check(targets, fleet.targets());
        context.plane().drift().record(report.tenants());
        context.plane().audit().record(context.actor(), "drift", null, null, report.summary());
        return finish(report, true);
    }

    /** @param fleet whether the tenants are the fleet's, whose live schemas drift --accept can accept */
    private int finish(DriftReport report, boolean fleet) {
        for (DriftReport.Group group : report.groups()) {
            String status = switch (group.status()) {
                case CLEAN -> output.green("clean");
                case DRIFTED -> output.red("drifted");
                default -> output.yellow(group.word());
            };
            output.line(group.tenants().size() + " tenant(s) " + status + (group.status() == TenantDrift.Status.CLEAN ? ""
                    : ": " + group.outcome()));
            if (group.status() != TenantDrift.Status.CLEAN) {
                output.line("    " + String.join(", ", group.tenants().stream().limit(20).map(TenantId::value).toList())
                        + (group.tenants().size() > 20 ? " and " + (group.tenants().size() - 20) + " more" : ""));
            }
            if (fleet && group.status() == TenantDrift.Status.DRIFTED) {
                // Without --fail-on-drift there is no error to carry the way out, so the text says it under the group.
                output.line("    " + Advice.of("Changed by hand: undo it, or write a migration that makes it; or, if it is"
                        + " meant to stay, accept the live schema as what its history builds: ", Remedy.of("drift", "--accept"),
                        ".").forTenants(group.tenants()).text());
            }
        }
        // What a tenant with an accepted schema was compared with, or why its acceptance no longer holds.
        report.tenants().stream().filter(t -> t.acceptance() != null)
                .forEach(t -> output.line("  " + t.tenant().value() + ": " + t.acceptance()));
        output.line("Checked " + report.tenants().size() + " tenant(s) in " + report.wallMillis() + " ms: "
                + report.count(TenantDrift.Status.DRIFTED) + " drifted, " + report.count(TenantDrift.Status.UNKNOWN)
                + " unknown, " + report.count("unreachable") + " unreachable, " + report.count("locked") + " locked, "
                + report.count("refused") + " refused ("
                + report.referencesBuilt() + " expected schema(s) built).");
        List<Map<String, Object>> errors = new ArrayList<>();
        for (TenantDrift drift : report.tenants()) {
            // A tenant that could not be read was not checked: never a success, --fail-on-drift or not.
            if (drift.status() == TenantDrift.Status.UNREACHABLE) {
                errors.add(Errors.forTenant(drift.code() != null ? drift.code() : ErrorCode.CONNECTION_FAILED,
                        drift.tenant().value() + ": " + drift.outcome(), drift.tenant().value()));
            } else if (failOnDrift && drift.status() == TenantDrift.Status.DRIFTED) {
                String undo = drift.tenant().value() + ": " + drift.outcome() + ". Changed by hand: undo it on "
                        + drift.tenant().value() + ", or write a migration that makes it";
                Advice next = fleet ? Advice.of(undo + "; or, if it is meant to stay, accept the live schema as what its"
                        + " history builds: ", Remedy.of("drift", "--accept"), ".").forTenant(drift.tenant())
                        : Advice.plain(undo + ".");
                errors.add(Errors.withCommands(Errors.forTenant(ErrorCode.DRIFT_FOUND, next.text(), drift.tenant().value()),
                        next.commands()));
            } else if (failOnDrift && drift.status() == TenantDrift.Status.UNKNOWN) {
                // Its own code, so that CI tells "drifted" from "could not be checked".
                errors.add(Errors.forTenant(ErrorCode.DRIFT_UNKNOWN, drift.tenant().value() + ": not checked for drift: "
                        + drift.outcome(), drift.tenant().value()));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenants", report.tenants().stream().map(TenantDrift::asMap).toList());
        data.put("groups", report.groups().stream().map(g -> Map.of("status", g.word(), "outcome", g.outcome(),
                "count", g.tenants().size(), "tenants", g.tenants().stream().map(TenantId::value).toList())).toList());
        data.put("referencesBuilt", report.referencesBuilt());
        data.put("wallMs", report.wallMillis());
        return output.finish(name(), data, errors);
    }

}
