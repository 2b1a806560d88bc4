package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import picocli.CommandLine;

/**
 * A bug or an unforeseen failure: reported as INTERNAL with the exception's own words (scrubbed), exit 1.
 * Expected failures never get here; commands turn them into messages themselves.
 */
final class UnexpectedErrors implements CommandLine.IExecutionExceptionHandler {
    private final Output output;

    UnexpectedErrors(Output output) {
        this.output = output;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof CommandLine.ParameterException parameter) {
            return new UsageErrors(output, parseResult.originalArgs().toArray(String[]::new))
                    .handleParseException(parameter, parseResult.originalArgs().toArray(String[]::new));
        }
        return output.fail(commandLine.getCommandName(), new FlotillaException(ErrorCode.INTERNAL,
                "Unexpected " + e.getClass().getSimpleName() + ": " + Failures.sentence(e.getMessage())
                        + " This is a bug in Flotilla; run again with --verbose and report the output.", e));
    }
}
