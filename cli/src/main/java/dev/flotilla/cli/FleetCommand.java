package dev.flotilla.cli;

import dev.flotilla.FlotillaException;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The base of the fleet commands: {@code --config}, the output flags, a {@link FleetContext}, and one place
 * that turns a {@link FlotillaException} into a message and an exit code.
 */
abstract class FleetCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: ./flotilla.yml).")
    Path configFile;

    @Mixin
    OutputOptions outputOptions;

    final Output output;
    final Map<String, String> environment;
    private FleetContext context;

    FleetCommand(Output output, Map<String, String> environment) {
        this.output = output;
        this.environment = environment;
    }

    /** The command's name as it appears in the JSON envelope. */
    abstract String name();

    /** Does the work and returns the exit code through {@link Output#finish}. */
    abstract int execute();

    @Override
    public final Integer call() {
        output.configure(outputOptions.json, outputOptions.color(), outputOptions.verbose);
        try (FleetContext opened = new FleetContext(configFile, output, environment)) {
            context = opened;
            return execute();
        } catch (FlotillaException e) {
            return output.fail(name(), e);
        }
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
