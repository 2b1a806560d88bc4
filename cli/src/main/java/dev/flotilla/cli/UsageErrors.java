package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import dev.flotilla.tenant.TenantId;
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
        java.util.List<SecretArguments.Given> secrets = SecretArguments.in(args);
        String message = SecretArguments.masked(Failures.sentence(e.getMessage()), secrets)
                + (secrets.isEmpty() ? "" : SecretArguments.ADVICE)
                + hint(e) + " See `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`.";
        return output.fail(command, new FlotillaException(ErrorCode.BAD_USAGE, message));
    }

    /**
     * What picocli's message leaves unsaid: that a single-target command reads no configuration file (--config refused),
     * and the rule of a tenant id (one starting with '-' is taken for an option, so the id is "missing").
     */
    private static String hint(CommandLine.ParameterException e) {
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !spec.optionsMap().containsKey("--config")
                && unmatched.getUnmatched().stream().anyMatch(a -> a.equals("--config") || a.startsWith("--config="))) {
            return " `" + spec.qualifiedName() + "` works on the one target its flags name and reads no configuration file:"
                    + " leave out --config and give --url, --user, --password-env or --password-file and --migrations"
                    + " (for the fleet of a flotilla.yml, use `deploy`, `plan` or `status --fleet`).";
        }
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing().stream()
                .anyMatch(a -> a instanceof CommandLine.Model.PositionalParamSpec p && "ID".equals(p.paramLabel()))) {
            String rule = TenantId.RULE.substring(0, TenantId.RULE.length() - 1);
            return " Tenant ids: " + rule + " (an argument starting with '-' is read as an option).";
        }
        return "";
    }
}
