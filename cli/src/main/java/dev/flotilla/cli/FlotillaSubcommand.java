package dev.flotilla.cli;

import dev.flotilla.FlotillaException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * The base of every command that does work: the output flags, the environment, and one place that turns a
 * {@link FlotillaException} into a message and an exit code.
 */
abstract class FlotillaSubcommand implements Callable<Integer> {
    @Mixin
    OutputOptions outputOptions;

    final Output output;
    final Map<String, String> environment;

    FlotillaSubcommand(Output output, Map<String, String> environment) {
        this.output = output;
        this.environment = environment;
    }

    /** The command's name as it appears in the JSON envelope. */
    abstract String name();

    /** Does the work and returns the exit code through {@link Output#finish}. */
    abstract int execute();

    /**
     * The settings of flotilla.yml this command's flags give ({@code deploy.retries}; --concurrency and --per-server are
     * ConcurrencyOptions', --connect-timeout ConnectTimeoutOption's): flags override the file and environment, so a bad
     * value of such a setting there is not read (see {@link FleetContext}).
     */
    java.util.Set<String> settingsGivenByFlags() {
        return java.util.Set.of();
    }

    /** The settings among {@code flags} (each setting with its flag's value, null when not given) whose flag was given. */
    static java.util.Set<String> given(Map<String, Object> flags) {
        return flags.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Whether SIGINT or SIGTERM is how this command ends as asked ({@code serve}): no {@code INTERRUPTED} document then. */
    boolean runsUntilSignalled() {
        return false;
    }

    /** Runs {@link #execute()}; subclasses wrap it in what it needs. */
    int run() {
        return execute();
    }

    @Override
    public final Integer call() {
        output.configure(outputOptions.json, outputOptions.color(), outputOptions.verbose, OutputOptions.terminal());
        EngineProgress.showOn(output);
        LibraryLogs.showOn(output);
        try (JsonOnSignal signals = JsonOnSignal.install(output, runsUntilSignalled() ? null : name())) {
            return run();
        } catch (FlotillaException e) {
            return output.fail(name(), e);
        }
    }
}
