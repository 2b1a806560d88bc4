package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.run.RunReport;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "migrate", description = "Apply every pending migration to one target.")
final class MigrateCommand extends TargetCommand {
    MigrateCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "migrate";
    }

    @Override
    int execute() {
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output));
        Warnings.print(output, flotilla.migrations());
        RunReport report = flotilla.migrate();
        RunReports.print(output, report, "applied", false);
        return output.finish(name(), RunReports.data(report, false), Errors.of(report.problems()));
    }
}
