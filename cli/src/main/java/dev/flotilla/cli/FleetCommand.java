package dev.flotilla.cli;

import dev.flotilla.TargetOptions;
import dev.flotilla.cli.config.FlotillaConfig;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The base of the fleet commands: {@code --config} and the {@link FleetContext} it opens, closed at the end. */
abstract class FleetCommand extends FlotillaSubcommand {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: ./flotilla.yml).")
    Path configFile;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    private FleetContext context;

    FleetCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    int run() {
        try (FleetContext opened = new FleetContext(configFile, output, environment,
                new CommandFlags(name(), settingsGivenByFlags(), concurrencyOptions(), connectTimeout))) {
            context = opened;
            return AuditedRefusals.run(opened, output, refusedAction(), refusedDeployment(), this::execute);
        }
    }

    /** What a refusal of this command is audited as (see {@link AuditedRefusals}); null: not audited. */
    String refusedAction() {
        return null;
    }

    /** The deployment that refusal is of (the one a --resume continues), or null. */
    String refusedDeployment() {
        return null;
    }

    /** The command's --concurrency and --per-server, or null when it takes none. */
    ConcurrencyOptions concurrencyOptions() {
        return null;
    }

    FleetContext context() {
        return context;
    }

    FlotillaConfig config() {
        return context.config();
    }

    ControlPlane plane() {
        return context.plane();
    }

    /** The control plane for a command that only reads it (see {@link FleetContext#planeToRead()}). */
    ControlPlane planeToRead() {
        return context.planeToRead();
    }

    /** The control plane to write to after reading it (see {@link FleetContext#planeToWrite()}). */
    ControlPlane planeToWrite() {
        return context.planeToWrite();
    }

    Tenancy tenancy() {
        return context.tenancy();
    }

    Tenancy tenancyForDisplay() {
        return context.tenancyForDisplay();
    }

    List<TenantTarget> targets(List<Tenant> tenants) {
        return context.targets(tenants);
    }

    LoadedMigrations loadMigrations() {
        return context.loadMigrations();
    }

    TargetOptions template(ValidationPolicy policy) {
        return context.template(policy);
    }

    String actor() {
        return context.actor();
    }
}
