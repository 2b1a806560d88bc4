package dev.flotilla.cli;

import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import java.util.List;
import java.util.Map;

/**
 * A fleet deploy (or a new fleet rollback, a deployment too) that threw once its deployment was recorded (its control
 * plane failing under it, the process serving the embedded file gone while a write was being committed): the command's
 * one document names that deployment as {@code data.deployment}, and its error the command that continues it, as a
 * value. The text output's first line named the deployment already; a {@code --json} reader had only
 * {@code "data": {}} and no id to resume.
 */
final class StartedDeploymentFailure {
    private StartedDeploymentFailure() {
    }

    /**
     * An error that names {@code resume} already (a failed beforeDeployment hook, which ended the deployment failed) is
     * kept as it is: saying the deployment was left unfinished too would contradict it.
     */
    static int finish(Output output, String command, String deployment, FlotillaException e, Remedy resume) {
        if (e.advice().commands().contains(resume.commandLine())) {
            return output.finish(command, Map.of("deployment", deployment), List.of(Errors.of(e)));
        }
        String said = String.valueOf(e.getMessage()).strip();
        Advice advice = Advice.of(e.advice(), (said.endsWith(".") ? " " : ". ") + "Deployment " + deployment
                + " was recorded before this and is left unfinished: ", resume, " continues it (`flotilla deployments show "
                + deployment + "` shows where it stopped).");
        FlotillaException told = new FlotillaException(e.code(), advice, e);
        return output.finish(command, Map.of("deployment", deployment), List.of(Errors.of(told)));
    }
}
