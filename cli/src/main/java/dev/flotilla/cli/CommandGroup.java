package dev.flotilla.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups others ({@code flotilla}, {@code tenants}, {@code deployments}...): it takes the options
 * every command takes ({@link GroupOptions}), and run without a subcommand is bad usage saying which is missing, with an
 * example of one.
 */
abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    GroupOptions options;

    /** A whole command line the message gives as an example: {@code flotilla tenants list}. */
    abstract String example();

    @Override
    public final void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: say which, e.g. `" + example() + "`");
    }
}
