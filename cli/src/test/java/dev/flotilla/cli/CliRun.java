package dev.flotilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the command line in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(Map<String, String> environment, String... args) {
        return run(environment, null, args);
    }

    /**
     * A run of {@code args} with {@code --config config} after them, its questions ({@code [y/N]}) answered by the lines
     * of {@code typed}, as on a terminal: each question is on {@link #out}.
     */
    static CliRun answering(java.io.InputStream typed, java.nio.file.Path config, String... args) {
        return answering(Map.of(), typed, config, args);
    }

    /** As {@link #answering(java.io.InputStream, java.nio.file.Path, String...)}, with {@code environment}. */
    static CliRun answering(Map<String, String> environment, java.io.InputStream typed, java.nio.file.Path config,
                            String... args) {
        return run(environment, typed, withConfig(config, args));
    }

    /** @param typed the answers to its questions, or null: then there is no terminal to ask on, as in CI */
    private static CliRun run(Map<String, String> environment, java.io.InputStream typed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Main main = typed == null ? new Main(outStream, errStream, environment) : new Main(outStream, errStream, environment, typed);
        int exit = main.run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun of(String... args) {
        return of(Map.of(), args);
    }

    /** A run of {@code args} with {@code --config config} after them. */
    static CliRun withConfig(Map<String, String> environment, java.nio.file.Path config, String... args) {
        return of(environment, withConfig(config, args));
    }

    private static String[] withConfig(java.nio.file.Path config, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return all;
    }

    /**
     * The words of {@code command} as a JSON error's {@code commands} gives it ({@code flotilla deploy --resume d-12}),
     * without the {@code flotilla} it starts with, then {@code more}: what {@link #of} takes to run it as given.
     */
    static String[] given(String command, String... more) {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        if (!words.remove(0).equals("flotilla")) {
            throw new AssertionError("not a flotilla command: " + command);
        }
        words.addAll(java.util.List.of(more));
        return words.toArray(String[]::new);
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document:\n" + out + "\nstderr:\n" + err, e);
        }
    }
}
