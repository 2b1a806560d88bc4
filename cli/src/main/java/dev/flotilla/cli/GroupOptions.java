package dev.flotilla.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every command takes, accepted by a command that only groups others ({@code tenants}, {@code deployments}...)
 * so that {@code flotilla tenants --json} is told which subcommand is missing, as JSON, instead of that --json is unknown.
 */
final class GroupOptions {
    @Mixin
    OutputOptions output;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: ./flotilla.yml).")
    Path configFile;
}
