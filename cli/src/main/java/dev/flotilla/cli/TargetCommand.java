package dev.flotilla.cli;

import java.util.Map;
import picocli.CommandLine.Mixin;

/** The base of the single-target commands: the options that name the target and the migrations. */
abstract class TargetCommand extends FlotillaSubcommand {
    @Mixin
    TargetOptionsMixin target;

    TargetCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }
}
