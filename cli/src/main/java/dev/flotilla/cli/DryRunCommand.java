package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.DryRunMode;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.DryRunRecords;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.FleetDryRun;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.scratch.ScratchCleanup;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.verify.VerifyOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dry-run", header = "Run the pending migrations where nothing is kept, and report.",
        description = {
        "Run the pending migrations where nothing is kept and report every statement, the schema diff and lint warnings.",
        "One target with --url; tenants of the fleet with --tenants/--group/--all (groups tenants with the same outcome).",
        "PostgreSQL and SQLite: in a rolled-back transaction; MariaDB/MySQL, H2, and PostgreSQL scripts that refuse a",
        "transaction: on a scratch copy (flotilla_dry_*), dropped afterwards. --cleanup drops copies left by a killed run."})
final class DryRunCommand extends TargetOrFleetCommand {
    @Option(names = "--mode", paramLabel = "MODE", description = "auto (default), transaction or clone.")
    String mode;

    @Option(names = "--sample-rows", paramLabel = "N", description = "Rows per table copied into a clone (default 0: structure only); in a shared schema, the tested tenant's.")
    Integer sampleRows;

    @Option(names = "--round-trip", description = "After each migration, run its down file and the migration again, and compare the schemas.")
    boolean roundTrip;

    @Option(names = "--to", paramLabel = "VERSION", description = "Run the pending migrations up to this version only (and"
            + " the repeatables), as the console's or the API's deploy of that version applies them.")
    String to;

    @Option(names = "--cleanup", description = "Drop the scratch copies and schemas (flotilla_dry_*) a killed dry run or drift check left on the target's server, or the selected tenants' servers: those whose process is gone.")
    boolean cleanup;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    DryRunCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "dry-run";
    }

    @Override
    int single() {
        if (cleanup) {
            return cleanup(List.of(target.toOptions(environment, output).target()));
        }
        TargetOptions options = target.toOptions(environment, output);
        Flotilla loaded = Flotilla.load(options);
        MigrationVersion ceiling = ceiling(loaded.migrations());
        String above = UpToVersion.appliedAbove(loaded, ceiling);
        if (above != null) {
            Warnings.print(output, loaded.migrations());
            output.line("Nothing to test: " + options.target().displayName() + " is at " + loaded.migrations().label(above)
                    + " already, above --to " + ceiling.label() + " (`flotilla rollback --to " + ceiling.label()
                    + " --dry-run` tests going back to it).");
            return output.finish(name(), Map.of("tenants", List.of(), "groups", List.of(), "appliedAbove", above), List.of());
        }
        Flotilla flotilla = ceiling == null ? loaded : loaded.upTo(ceiling);
        Warnings.print(output, flotilla.migrations());
        Duration lockTimeout = spec.commandLine().getParseResult().hasMatchedOption("--lock-timeout") ? options.lockTimeout() : null;
        DryRunReport report = flotilla.dryRun(new DryRunOptions(DryRunMode.parse(mode == null ? "auto" : mode),
                sampleRows == null ? 0 : sampleRows, lockTimeout, LintOptions.DEFAULTS, VerifyOptions.DEFAULTS, roundTrip));
        DryRunReports.print(output, report, false, sampleRows == null ? 0 : sampleRows, loaded.migrations()::label);
        String id = options.tenant() != null ? options.tenant() : report.run().target();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenants", List.of(DryRunReports.json(id, report.run().target(), report, null)));
        data.put("groups", List.of(Map.of("status", report.status(), "count", 1, "tenants", List.of(id))));
        return output.finish(name(), data, Errors.of(report.run().problems()));
    }

    @Override
    Set<String> targetOptionsForTheFleet() {
        return Set.of("--out-of-order");
    }

    @Override
    int fleet(FleetContext context) {
        KilledDryRuns.end(output, context.plane());
        // Read once: the tenants to test, and the baselines the plane kept, which the dry run writes only where they changed.
        RegisteredFleet fleet = RegisteredFleet.read(context);
        List<TenantTarget> targets = context.targets(fleet.select(selection));
        if (cleanup) {
            Map<String, TargetSpec> servers = new LinkedHashMap<>();
            targets.forEach(t -> servers.putIfAbsent(t.serverKey(), t.target()));
            return cleanup(List.copyOf(servers.values()));
        }
        FlotillaConfig config = context.config();
        LoadedMigrations all = context.loadMigrations();
        MigrationVersion ceiling = ceiling(all);
        LoadedMigrations migrations = ceiling == null ? all : all.upTo(ceiling);
        ValidationPolicy policy = ValidationPolicy.STRICT.withOutOfOrder(target.outOfOrder);
        SplittableScripts.require(context.template(policy), migrations, targets);
        DryRunOptions options = context.dryRunOptions(mode == null ? config.dryRun().mode() : mode,
                sampleRows == null ? config.dryRun().sampleRows() : sampleRows, roundTrip);
        long start = System.nanoTime();
        DryRunRecords.auditStarted(context.plane(), context.actor(), targets.stream().map(t -> t.tenant().id()).toList(),
                "; " + selection.selection().flags() + asked(options), null);
        // Recorded by its id as the console's are: a deploy of the console or the API can name it (the same gate).
        String id = java.util.UUID.randomUUID().toString();
        List<String> versions = (ceiling != null ? java.util.Optional.of(ceiling) : all.newestVersion()).stream()
                .map(MigrationVersion::toString).toList();
        context.plane().dryRuns().startedFromCommandLine(id, context.actor(), versions, FleetDryRunRecord.checksums(migrations),
                target.outOfOrder, targets.stream().map(t -> t.tenant().id()).toList());
        output.progress("Dry-running " + targets.size() + " tenant(s)...");
        List<TenantDryRun> results;
        try {
            results = new FleetDryRun(context.template(policy), migrations, options, context.concurrency(),
                    context.perServer()).run(targets);
        } catch (RuntimeException e) {
            // Its start is on record: so is its end, as the console's failed dry run records it.
            context.plane().dryRuns().finished(id, (System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()),
                    Map.of());
            context.plane().audit().record(context.actor(), "dry-run.finished", null, null, String.valueOf(e.getMessage()),
                    "failed", null);
            throw e;
        }
        // Kept for the deployment's expected-objects check and for the console.
        DryRunRecords.record(context.plane(), results, migrations, fleet.records());
        long millis = (System.nanoTime() - start) / 1_000_000;
        context.plane().dryRuns().finished(id, millis, null, DryRunRecords.outcomes(results));
        DryRunRecords.audit(context.plane(), context.actor(), "dry-run.finished", results, millis, null);
        return FleetDryRunReports.finishFleet(output, name(), results, millis, options.sampleRows(), List.of(),
                new FleetDryRunReports.Recorded(id, versions));
    }

    /** The version {@code --to} names, one of the files'; null without it. */
    private MigrationVersion ceiling(LoadedMigrations all) {
        return UpToVersion.of(to, all);
    }

    /** The options of the dry run, for its dry-run.started entry. */
    private String asked(DryRunOptions options) {
        return "; mode " + options.mode().name().toLowerCase(java.util.Locale.ROOT)
                + (options.sampleRows() > 0 ? "; sample rows " + options.sampleRows() : "")
                + (options.roundTrip() ? "; round-trip" : "") + (target.outOfOrder ? "; out-of-order" : "");
    }

    private int cleanup(List<TargetSpec> servers) {
        List<String> dropped = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (TargetSpec server : servers) {
            try {
                ScratchCleanup.Result result = ScratchCleanup.dropUnused(server);
                result.dropped().forEach(n -> output.line("Dropped scratch database " + n + " on " + server.displayName()));
                result.skipped().forEach(s -> output.line("Skipped scratch database " + s.name() + " on " + server.displayName()
                        + ": " + s.reason()));
                dropped.addAll(result.dropped());
                result.skipped().forEach(s -> skipped.add(Map.of("name", s.name(), "reason", s.reason())));
            } catch (SQLException e) {
                throw new FlotillaException(ErrorCode.CONNECTION_FAILED, "Could not clean up scratch databases on "
                        + server.displayName() + ": " + server.scrub(e.getMessage()));
            }
        }
        output.line((dropped.isEmpty() && skipped.isEmpty() ? "No scratch databases found."
                : "Dropped " + dropped.size() + " scratch database(s).")
                + (skipped.isEmpty() ? "" : " Skipped " + skipped.size() + " in use; run --cleanup again once their dry runs have ended."));
        return output.finish(name(), Map.of("dropped", dropped, "skipped", skipped), List.of());
    }
}
