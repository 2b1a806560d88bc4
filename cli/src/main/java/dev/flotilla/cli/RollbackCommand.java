package dev.flotilla.cli;

import dev.flotilla.Flotilla;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.RunReport;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", description = "Run down files (U<version>__*.sql, *.down.sql), newest migration first, recording each.")
final class RollbackCommand extends TargetCommand {
    @ArgGroup(multiplicity = "1")
    How how;

    static final class How {
        @Option(names = "--steps", required = true, description = "Roll back the newest N applied migrations.")
        Integer steps;

        @Option(names = "--to", required = true, paramLabel = "VERSION", description = "Roll back every migration above VERSION.")
        String to;
    }

    RollbackCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "rollback";
    }

    @Override
    int execute() {
        RollbackRequest request = how.steps != null ? RollbackRequest.steps(how.steps)
                : RollbackRequest.to(Versions.parse(how.to, "--to"));
        Flotilla flotilla = Flotilla.load(target.toOptions(environment, output));
        RunReport report = flotilla.rollback(request);
        RunReports.print(output, report, "rolled back", false);
        return output.finish(name(), RunReports.data(report, false), Errors.of(report.problems()));
    }
}
