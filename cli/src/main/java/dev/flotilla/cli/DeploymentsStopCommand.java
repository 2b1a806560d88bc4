package dev.flotilla.cli;

import dev.flotilla.control.DeploymentRecord;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stop", header = "Stop a running deployment gracefully.",
        description = {"Asks a running deployment (or rollback), in whichever process it runs, to stop: within about a"
                + " second it starts no new tenant, lets those in flight finish and ends `stopped`;"
                + " `flotilla deploy --resume DEPLOYMENT` continues it. Returns once the stop is recorded."})
final class DeploymentsStopCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "DEPLOYMENT")
    String id;

    DeploymentsStopCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "deployments stop";
    }

    @Override
    int execute() {
        DeploymentRecord deployment = plane().stopRequests().request(id, actor(), null);
        output.line("Stop requested for " + deployment.id() + " by " + deployment.stopRequest().by() + ": its process "
                + deployment.runner() + " starts no new tenant once it sees the request (within about a second), lets those"
                + " in flight finish, and ends it `stopped`; `flotilla deploy --resume " + deployment.id() + "` continues it."
                + " Watch it with `flotilla deployments show " + deployment.id() + "`.");
        Map<String, Object> data = DeploymentsListCommand.json(deployment);
        return output.finish(name(), data, List.of());
    }
}
