package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.CommandLineStart;
import dev.flotilla.run.FleetRollback;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.Hooks;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantMergeGuard;
import dev.flotilla.run.TenantTarget;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", header = "Undo migrations with their down files, last installed first.",
        description = {"Run down files (U<version>__*.sql, *.down.sql), the migration installed last first, recording each.",
        "One target: --url with --steps N or --to VERSION. The fleet: --deployment ID undoes what that deployment applied,",
        "only on the tenants it changed, in reverse wave order; or --tenants/--group/--all with --steps/--to. A fleet",
        "rollback is a deployment of its own: same concurrency, failure policy, progress, --resume and backups (each tenant",
        "is backed up before its down files run, unless deploy.backup is off or --skip-backup is given)."})
final class RollbackCommand extends TargetOrFleetCommand {
    @Option(names = "--steps", paramLabel = "N", description = "Roll back the N migrations installed last (by history rank, not version).")
    Integer steps;

    @Option(names = "--to", paramLabel = "VERSION", description = "Roll back every migration above VERSION, the one installed last first.")
    String to;

    @Option(names = "--deployment", paramLabel = "ID", description = "Roll back what this deployment applied.")
    String deployment;

    @Option(names = "--resume", paramLabel = "ID", description = "Continue an interrupted or stopped rollback.")
    String resume;

    @Option(names = "--continue-on-error", description = "Keep starting tenants after one fails.")
    boolean continueOnError;

    @Option(names = "--yes", description = "Do not ask for confirmation (needed when there is no terminal to ask on).")
    boolean yes;

    @Option(names = "--skip-backup", description = "Do not back up the tenants before rolling them back (needs --yes; audited).")
    boolean skipBackup;

    @Option(names = "--no-maintenance", description = "Do not run the beforeTenant/afterTenant hooks (recorded with the"
            + " rollback: --resume runs without them too).")
    boolean noMaintenance;

    @Option(names = "--tenant-column", paramLabel = "COLUMN", description = {"One target (--url) that is a shared schema:"
            + " the column saying whose a row is. A rollback whose down files drop it from tables holding more than one"
            + " tenant's rows is refused (ROLLBACK_REFUSED). Without it, the column of a flotilla.yml in reach declaring this"
            + " shared schema, else the one an applied tenancy adoption (*__adopt_<column>.sql) added, is guarded; else none."
            + " The fleet's comes from tenancy.tenantColumn."})
    String tenantColumn;

    @Option(names = "--dry-run", description = "Run the down scripts where nothing is kept and report, like any dry run.")
    boolean dryRun;

    RollbackCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "rollback";
    }

    @Override
    String refusedAction() {
        return "rollback.requested";
    }

    @Override
    String refusedDeployment() {
        return resume;
    }

    /** A rollback of the fleet runs statements as a deploy does: its timeouts, as deploy's, replace deploy.*Timeout. */
    @Override
    java.util.Set<String> targetOptionsForTheFleet() {
        return java.util.Set.of("--lock-timeout", "--statement-timeout");
    }

    @Override
    java.util.Set<String> settingsGivenByFlags() {
        Map<String, Object> flags = new java.util.LinkedHashMap<>();
        flags.put("deploy.lockTimeout", given("--lock-timeout") ? target.lockTimeout : null);
        flags.put("deploy.statementTimeout", given("--statement-timeout") ? target.statementTimeout : null);
        return given(flags);
    }

    private boolean given(String option) {
        return commandSpec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @Override
    boolean fleetWithoutSelection() {
        return deployment != null || resume != null;
    }

    @Override
    int single() {
        if (deployment != null || resume != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--deployment and --resume work on the fleet; drop --url.");
        }
        if (skipBackup) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A rollback of one target (--url) takes no backup; drop --skip-backup.");
        }
        if (noMaintenance) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A rollback of one target (--url) runs no tenant hooks; drop"
                    + " --no-maintenance.");
        }
        RollbackRequest asked = request();
        dev.flotilla.TargetOptions one = target.toOptions(environment, output);
        Flotilla flotilla = Flotilla.load(one);
        String column = tenantColumn != null ? tenantColumn : GuardedTenantColumn.of(flotilla, one.target(),
                configFile, environment, output);
        var findings = TenantMergeGuard.one(one.target().displayName(), column, () -> flotilla.rollbackGuard(asked, column));
        findings.notices().forEach(output::warn);
        if (dryRun) {
            DryRunReport report = flotilla.dryRun(DryRunOptions.DEFAULTS.withRollback(asked));
            DryRunReports.print(output, report, true, DryRunOptions.DEFAULTS.sampleRows(), flotilla.migrations()::label);
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("tenants", List.of(DryRunReports.json(report.run().target(), report.run().target(), report, null)));
            List<Map<String, Object>> errors = new java.util.ArrayList<>(FleetDryRunReports.refused(output, findings.refusals()));
            errors.addAll(Errors.of(report.run().problems()));
            return output.finish(name(), data, errors);
        }
        findings.refuseAny();
        RunReport report = flotilla.rollback(asked);
        RunReports.print(output, report, "rolled back", "rolled back", false, null, flotilla.migrations()::label);
        return output.finish(name(), RunReports.data(report, false), Errors.of(report.problems()));
    }

    @Override
    int fleet(FleetContext context) {
        requireOneWay(context);
        RegisteredFleet fleet = RegisteredFleet.read(context);
        List<TenantTarget> registered = fleet.targets();
        var migrations = context.loadMigrations();
        FleetOptions options = options(context);
        var template = template(context);
        if (dryRun && resume != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--dry-run and --resume do not go together.");
        }
        FleetRollbackDryRun preview = new FleetRollbackDryRun(context, template, migrations, options, deployment,
                () -> fleet.selected(selection), this::request);
        if (dryRun) {
            return preview.run(output, name(), registered);
        }
        TenantMergeGuard.Findings guarded = resume == null ? preview.refuseMergingTenants(output, registered) : null;
        if (!yes && resume == null) {
            Confirmation.ask(output, "Roll back " + rollingBack(fleet) + "? Their down files run, the last installed"
                    + " first; the same command with --dry-run shows what they drop.", "A rollback changes tenants and there"
                    + " is no terminal to confirm on: pass --yes (the same command with --dry-run shows what its down files"
                    + " drop).", "nothing was rolled back");
            guarded = preview.recheck(registered, guarded); // a schema may have changed while the question waited
        }
        boolean withoutBackup = skipBackup && context.config().deploy().backup();
        if (withoutBackup && resume != null) {
            auditSkippedBackup(context, resume);
        }
        RollbackSummary summary = new RollbackSummary(output, context, resume, deployment);
        DeployResult result;
        StopOnSignal signals = new StopOnSignal(output, context.plane(), context.actor());
        try (signals) {
            result = rollBack(context, fleet, migrations, template, options, withoutBackup, signals, guarded);
        } catch (FlotillaException e) {
            // A new rollback that threw once it was recorded names itself, as deploy does; a resume's id was given.
            if (resume != null || signals.deployment() == null) {
                throw e;
            }
            return StartedDeploymentFailure.finish(output, name(), signals.deployment(), e,
                    Remedy.of("rollback", "--resume", signals.deployment()));
        }
        return summary.finish(name(), result);
    }

    /** What the rollback undoes, for its question: "what deployment D applied", "2 tenant(s) to version 3". */
    private String rollingBack(RegisteredFleet fleet) {
        return deployment != null ? "what deployment " + deployment + " applied"
                : fleet.select(selection).size() + " tenant(s) " + (to != null ? "to version " + to : "by " + steps
                + " step(s)");
    }

    /** Refuses a rollback not named one way: by --deployment, by --resume, or by tenants with --steps or --to. */
    private void requireOneWay(FleetContext context) {
        int ways = (deployment != null ? 1 : 0) + (resume != null ? 1 : 0) + (selection.given() ? 1 : 0);
        if (deployment != null && selection.given() && resume == null && steps == null && to == null) {
            throw new FleetRollback(context.plane(), context.template(ValidationPolicy.STRICT), context.loadMigrations(),
                    options(context), FleetListener.SILENT).partOfDeployment(deployment,
                    selection.select(context.plane()).stream().map(dev.flotilla.tenant.Tenant::id).toList());
        }
        if (ways != 1 || (selection.given() == (steps == null && to == null))) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Give --deployment ID, or --resume ID, or --tenants/--group/--all"
                    + " with --steps N or --to VERSION.");
        }
    }

    /** The options every tenant's rollback starts from, with the --lock-timeout and --statement-timeout given. */
    private dev.flotilla.TargetOptions template(FleetContext context) {
        var template = context.template(ValidationPolicy.STRICT);
        template = given("--lock-timeout") ? template.withLockTimeout(target.lockTimeout) : template;
        template = given("--statement-timeout") ? template.withStatementTimeout(target.statementTimeout) : template;
        return template;
    }

    /**
     * Runs the rollback (or resumes it), stopped by a signal as a deploy is; {@code guarded}, what the merge guard found
     * before the question, is not read again (null: the rollback reads it).
     */
    private DeployResult rollBack(FleetContext context, RegisteredFleet fleet, dev.flotilla.migration.LoadedMigrations migrations,
                                  dev.flotilla.TargetOptions template, FleetOptions options, boolean withoutBackup,
                                  StopOnSignal signals, TenantMergeGuard.Findings guarded) {
        if (resume != null) {
            // Its second line says what it runs without (or, with backups, unlike the rollback), as deploy --resume's does.
            var recorded = dev.flotilla.run.RecordedOptions.parse(context.plane().deployments().require(resume).options());
            DeployProgress progress = new DeployProgress(output, OutputOptions.terminal(), "Rollback", "resumed",
                    recorded.describeRollback(recorded.over(options, java.util.Set.of())));
            return new FleetRunner(context.plane(), template, migrations, options, signals.listening(progress))
                    .resume(resume, fleet.targets(), false);
        }
        // A new rollback's entry names it, once it exists: restore --deployment <its id> then says why there is no backup.
        FleetListener progress = withoutBackup ? new OnDeploymentStarted(progress("started"), id -> auditSkippedBackup(context, id))
                : progress("started");
        FleetRollback rollback = new FleetRollback(context.plane(), template, migrations, options, signals.listening(progress))
                .guardingTenantColumn(context.sharedTenantColumn()).fromCommandLine(CommandLineStart.here(deployment != null ? "--deployment " + deployment
                        : selection.selection().flags()));
        rollback = guarded == null ? rollback : rollback.guardedBy(guarded);
        return deployment != null ? rollback.deployment(deployment, fleet.targets())
                : rollback.tenants(fleet.selected(selection), fleet.targets(), request());
    }

    private void auditSkippedBackup(FleetContext context, String rollback) {
        context.plane().audit().record(context.actor(), "rollback.backup-skipped", null, rollback,
                "rolled back without a backup (--skip-backup)" + (deployment == null ? "" : "; undoes " + deployment));
    }

    private DeployProgress progress(String verb) {
        return new DeployProgress(output, OutputOptions.terminal(), "Rollback", verb);
    }

    private RollbackRequest request() {
        if ((steps == null) == (to == null)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Rollback needs exactly one of --steps N or --to VERSION.");
        }
        return steps != null ? RollbackRequest.steps(steps) : RollbackRequest.to(Versions.parse(to, "--to"));
    }

    /** The deploy settings, hooks and backups of the configuration: a rollback is a deployment too. */
    private FleetOptions options(FleetContext context) {
        FlotillaConfig.DeployConfig deploy = context.config().deploy();
        FlotillaConfig.HooksConfig hooks = context.config().hooks();
        Hooks configured = new Hooks(hooks.beforeDeployment(), hooks.afterDeployment(), hooks.beforeTenant(), hooks.afterTenant());
        return new FleetOptions(context.concurrency(), context.perServer(), List.of(), 0, continueOnError, deploy.retries(),
                deploy.retryBackoff(), noMaintenance ? configured.withoutMaintenance() : configured, context.actor())
                .withBackup(backupPolicy(context));
    }

    /** A backup of each tenant before its down files run, unless deploy.backup is off or --skip-backup was given. */
    private dev.flotilla.backup.BackupPolicy backupPolicy(FleetContext context) {
        FlotillaConfig.BackupConfig backup = context.config().backup();
        return context.config().deploy().backup() && !skipBackup ? new dev.flotilla.backup.BackupPolicy(backup.dir(), backup.keep())
                : null;
    }
}
