package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.run.HistoryChange;
import dev.flotilla.run.RepairRequest;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repair", description = {"Resolve failed migrations in the history: remove their records (default) so they run again,",
        "or mark one as applied after finishing it by hand. Optionally accept edited files."})
final class RepairCommand extends TargetCommand {
    @Option(names = "--mark-applied", paramLabel = "VERSION", description = "Mark the failed VERSION as applied instead of removing it.")
    String markApplied;

    @Option(names = "--realign-checksums", description = "Record the current checksum of applied files that were edited.")
    boolean realignChecksums;

    RepairCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "repair";
    }

    @Override
    int execute() {
        RepairRequest request = new RepairRequest(
                markApplied == null ? null : Versions.parse(markApplied, "--mark-applied"), realignChecksums);
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output)
                .withPolicy(new dev.flotilla.plan.ValidationPolicy(true, true, true)));
        HistoryChange change = flotilla.repair(request);
        return HistoryChanges.finish(output, name(), change);
    }
}
