package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla tenants ...}: the tenant registry in the control plane. */
@Command(name = "tenants", description = "Create, register, import, list, remove tenants; set their logins.",
        subcommands = {TenantsCreateCommand.class, TenantsAddCommand.class, TenantsListCommand.class, TenantsRemoveCommand.class,
                TenantsDiscoverCommand.class, TenantsImportCommand.class, TenantsSetCredentialsCommand.class})
final class TenantsCommand extends CommandGroup {
    @Override
    String example() {
        return "flotilla tenants list";
    }
}
