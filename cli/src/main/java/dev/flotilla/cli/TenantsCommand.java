package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla tenants ...}: the tenant registry in the control plane. */
@Command(name = "tenants", description = "Create, register, list, remove, discover and import tenants; change a tenant's own login.",
        subcommands = {TenantsCreateCommand.class, TenantsAddCommand.class, TenantsListCommand.class, TenantsRemoveCommand.class,
                TenantsDiscoverCommand.class, TenantsImportCommand.class, TenantsSetCredentialsCommand.class})
final class TenantsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    GroupOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: say which, e.g. `flotilla tenants list`");
    }
}
