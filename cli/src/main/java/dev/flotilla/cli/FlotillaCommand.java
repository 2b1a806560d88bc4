package dev.flotilla.cli;

import static java.util.Map.entry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The top-level command: only a list of subcommands, registered by {@link Main}: the one named on the
 * command line alone, none for a bare {@code --version}, or all of them (for help, suggestions and errors),
 * since picocli reads every registered command's annotations up front.
 */
@Command(name = "flotilla", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Schema migrations for a whole fleet of tenant databases.",
        footer = {"", "--json, --no-color, --verbose and --config FILE may come before the command or after it.",
                "Exit codes: 0 success, 1 a migration, tenant or target failed, 2 bad usage, configuration or input files."})
final class FlotillaCommand extends CommandGroup {
    /**
     * Every subcommand by its {@code @Command} name, in the order help lists them. The names are written out
     * rather than read from the annotations: reading one class's annotations builds them all (23 classes, 20-30 ms
     * of every start); MainTest checks each name against its class.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(List.of(
            entry("migrate", MigrateCommand.class), entry("status", StatusCommand.class),
            entry("validate", ValidateCommand.class), entry("dry-run", DryRunCommand.class),
            entry("dry-runs", DryRunsCommand.class),
            entry("rollback", RollbackCommand.class), entry("repair", RepairCommand.class),
            entry("baseline", BaselineCommand.class), entry("init", InitCommand.class),
            entry("tenants", TenantsCommand.class), entry("plan", PlanCommand.class), entry("deploy", DeployCommand.class),
            entry("deployments", DeploymentsCommand.class), entry("schema", SchemaCommand.class),
            entry("lint", LintCommand.class), entry("verify", VerifyCommand.class), entry("backup", BackupCommand.class),
            entry("backups", BackupsCommand.class),
            entry("restore", RestoreCommand.class), entry("serve", ServeCommand.class), entry("demo", DemoCommand.class),
            entry("user", UserCommand.class), entry("tenancy", TenancyCommand.class), entry("adopt", AdoptCommand.class),
            entry("drift", DriftCommand.class), entry("audit", AuditCommand.class)));

    /** Not varargs: picocli reads every method's annotations, and @SafeVarargs would cost a proxy class (~20 ms). */
    private static Map<String, Class<?>> subcommands(List<Map.Entry<String, Class<?>>> entries) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> entry : entries) {
            byName.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(byName);
    }

    @Override
    String example() {
        return "flotilla migrate";
    }
}
