package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** The top-level command: only a list of subcommands. */
@Command(name = "flotilla", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Schema migrations for a whole fleet of tenant databases.",
        subcommands = {MigrateCommand.class, StatusCommand.class, ValidateCommand.class, DryRunCommand.class,
                RollbackCommand.class, RepairCommand.class, BaselineCommand.class, InitCommand.class,
                TenantsCommand.class, PlanCommand.class, DeployCommand.class, DeploymentsCommand.class, SchemaCommand.class,
                LintCommand.class, VerifyCommand.class, BackupCommand.class, RestoreCommand.class, ServeCommand.class,
                DemoCommand.class, UserCommand.class, TenancyCommand.class, AdoptCommand.class, DriftCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a migration, tenant or target failed, 2 bad usage, configuration or input files."})
final class FlotillaCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: say which, e.g. `flotilla migrate`");
    }
}
