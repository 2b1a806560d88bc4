package dev.flotilla.cli;

import picocli.CommandLine.Command;

/**
 * The top-level command: only a list of subcommands, registered by {@link Main}: the one named on the
 * command line alone, or all of them (for help, suggestions and errors), since picocli reads every registered
 * command's annotations up front.
 */
@Command(name = "flotilla", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Schema migrations for a whole fleet of tenant databases.",
        footer = {"", "Exit codes: 0 success, 1 a migration, tenant or target failed, 2 bad usage, configuration or input files."})
final class FlotillaCommand implements Runnable {
    /** Every subcommand by name, in the order help lists them. */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands(MigrateCommand.class, StatusCommand.class,
            ValidateCommand.class, DryRunCommand.class, RollbackCommand.class, RepairCommand.class, BaselineCommand.class,
            InitCommand.class, TenantsCommand.class, PlanCommand.class, DeployCommand.class, DeploymentsCommand.class,
            SchemaCommand.class, LintCommand.class, VerifyCommand.class, BackupCommand.class, RestoreCommand.class,
            ServeCommand.class, DemoCommand.class, UserCommand.class, TenancyCommand.class, AdoptCommand.class,
            DriftCommand.class);

    private static java.util.Map<String, Class<?>> subcommands(Class<?>... types) {
        java.util.Map<String, Class<?>> byName = new java.util.LinkedHashMap<>();
        for (Class<?> type : types) {
            byName.put(type.getAnnotation(Command.class).name(), type);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: say which, e.g. `flotilla migrate`");
    }
}
