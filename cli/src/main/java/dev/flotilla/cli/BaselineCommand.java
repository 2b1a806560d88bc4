package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.run.HistoryChange;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", description = "Record every migration up to VERSION as applied without running it (for targets that predate Flotilla).")
final class BaselineCommand extends TargetCommand {
    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the target's schema already has.")
    String version;

    BaselineCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "baseline";
    }

    @Override
    int execute() {
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output));
        HistoryChange change = flotilla.baseline(Versions.parse(version, "--version"));
        return HistoryChanges.finish(output, name(), change);
    }
}
