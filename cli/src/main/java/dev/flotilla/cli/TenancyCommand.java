package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla tenancy ...}: writing the migrations that make a schema shared by tenants, and keep it isolated. */
@Command(name = "tenancy", header = "Write the migrations of shared-schema tenancy.",
        description = "Write the migrations of shared-schema tenancy: the tenant column, row-level security.",
        subcommands = {TenancyAdoptCommand.class, TenancyRlsCommand.class})
final class TenancyCommand extends CommandGroup {
    @Override
    String example() {
        return "flotilla tenancy adopt --default acme";
    }
}
