package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import java.util.Arrays;
import picocli.CommandLine;

/** Bad flags or arguments: the message and a pointer to --help, as JSON when --json was asked for. Exit 2. */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final Output output;
    private final boolean json;

    UsageErrors(Output output, String[] args) {
        this.output = output;
        this.json = Arrays.asList(args).contains("--json");
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandName();
        output.configure(json, false, false, false);
        java.util.List<String> secrets = SecretArguments.in(args);
        String message = SecretArguments.masked(Failures.sentence(e.getMessage()), secrets)
                + (secrets.isEmpty() ? "" : SecretArguments.ADVICE)
                + " See `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`.";
        return output.fail(command, new FlotillaException(ErrorCode.BAD_USAGE, message));
    }
}
