package dev.flotilla.cli;

import picocli.CommandLine.Command;

/** {@code flotilla tenancy ...}: writing the migrations that make a schema shared by tenants, and keep it isolated. */
@Command(name = "tenancy", header = "Write the migrations of shared-schema tenancy.",
        description = "Write the migrations of shared-schema tenancy: the tenant column, row-level security.",
        subcommands = {TenancyAdoptCommand.class, TenancyRlsCommand.class})
final class TenancyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    GroupOptions options;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: say which, e.g. `flotilla tenancy adopt --default acme`");
    }
}
