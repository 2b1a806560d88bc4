package dev.flotilla.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/** The {@code flotilla} command line. Only {@link #main} exits the JVM; everything else returns an exit code. */
public final class Main {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Answers answers;

    public Main(PrintStream out, PrintStream err, Map<String, String> environment) {
        this(out, err, environment, Answers.terminal());
    }

    /**
     * A command line whose questions ({@code [y/N]} before a deploy, rollback or restore) read their answers from the
     * lines of {@code in}, printed on {@code out} as a terminal shows them: for the tests, which have no terminal.
     */
    Main(PrintStream out, PrintStream err, Map<String, String> environment, java.io.InputStream in) {
        this(out, err, environment, Answers.from(in, out));
    }

    private Main(PrintStream out, PrintStream err, Map<String, String> environment, Answers answers) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.answers = answers;
    }

    public static void main(String[] args) {
        // picocli's default factory otherwise looks for Groovy's Closure class on first use: a lookup that fails,
        // through the whole jar, on every start (9 ms of `status --fleet`).
        System.setProperty("picocli.disable.closures", "true");
        // A flotilla killed (SIGKILL) while a MariaDB client ran left its option file, holding a password: deleted here.
        dev.flotilla.target.ClientOptionFiles.sweepStale();
        int code = new Main(System.out, System.err, System.getenv()).run(args);
        if (code == 2) {
            refuseTraining();
        }
        System.exit(code);
    }

    /**
     * On bin/flotilla's run that trains a command's startup archive (FLOTILLA_TRAINING names the archive), a command
     * refused for bad usage or configuration loaded little of Flotilla: it leaves "ARCHIVE.refused.PID", which tells
     * the launcher's background builder, waiting for this process to end, to throw away what the run recorded. The
     * launcher exec'd this JVM, so this pid is the one it names the file after. Best effort: if the file cannot be
     * made, the archive is built from the short run, as it was before that rule, and still works.
     */
    private static void refuseTraining() {
        String archive = System.getenv("FLOTILLA_TRAINING");
        if (archive == null || archive.isEmpty()) {
            return;
        }
        try {
            java.nio.file.Files.createFile(java.nio.file.Path.of(archive + ".refused." + ProcessHandle.current().pid()));
        } catch (java.io.IOException | RuntimeException e) {
            // see above: an archive that starts this command less well, no failure
        }
    }

    /** Runs one command line; returns 0 on success, 1 when a migration or target failed, 2 for bad input. */
    public int run(String... given) {
        String[] args = globalOptionsAfterTheCommand(given);
        Output output = new Output(out, err, answers);
        if (versionAsJson(args)) {
            output.configure(true, false, false, false);
            return output.finish("version", Map.of("version", Version.number()), java.util.List.of());
        }
        Factory factory = new Factory(output, environment);
        CommandLine commandLine = new CommandLine(new FlotillaCommand(), factory);
        for (Class<?> subcommand : subcommandsFor(args)) {
            CommandLine sub = new CommandLine(subcommand, factory);
            withHelp(sub);
            commandLine.addSubcommand(sub);
        }
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(new UsageErrors(output, args));
        commandLine.setExecutionExceptionHandler(new UnexpectedErrors(output));
        return commandLine.execute(args);
    }

    /**
     * Moves the options every command takes ({@code --json}, {@code --no-color}, {@code --verbose}, {@code --config FILE})
     * from before the command to the end, where picocli finds them: {@code flotilla --json deploy --all} as DESIGN.md's
     * contract writes them. A command that reads no configuration file ({@code migrate}, {@code validate}) still refuses {@code --config}.
     * Those after a command that groups others ({@code tenants --json list}) go to the end too; with no subcommand
     * after them they stay with it, which takes them to say, as JSON if asked, that the subcommand is missing.
     */
    static String[] globalOptionsAfterTheCommand(String[] args) {
        String[] reordered = globalOptionsToTheEnd(args, 0);
        Class<?> named = reordered.length > 0 ? FlotillaCommand.SUBCOMMANDS.get(reordered[0]) : null;
        boolean group = named != null && named.getAnnotation(picocli.CommandLine.Command.class).subcommands().length > 0;
        return group ? globalOptionsToTheEnd(reordered, 1) : reordered;
    }

    /** Moves the global options starting at {@code from} to the end (before a {@code --}, if any). */
    private static String[] globalOptionsToTheEnd(String[] args, int from) {
        int leading = from;
        while (leading < args.length) {
            String arg = args[leading];
            if (arg.equals("--config") && leading + 1 < args.length) {
                leading += 2;
            } else if (arg.startsWith("--config=") || arg.equals("--json") || arg.equals("--no-color") || arg.equals("-v")
                    || arg.equals("--verbose")) {
                leading++;
            } else {
                break;
            }
        }
        if (leading == from || leading == args.length) {
            return args;
        }
        java.util.List<String> reordered = new java.util.ArrayList<>(java.util.Arrays.asList(args).subList(0, from));
        reordered.addAll(java.util.Arrays.asList(args).subList(leading, args.length));
        int endOfOptions = reordered.indexOf("--");
        reordered.addAll(endOfOptions < 0 ? reordered.size() : endOfOptions, java.util.Arrays.asList(args).subList(from, leading));
        return reordered.toArray(String[]::new);
    }

    /**
     * Whether the command line asks for the version with {@code --json}: one JSON document then, as every command
     * gives (help stays text, see the README).
     */
    private static boolean versionAsJson(String[] args) {
        java.util.List<String> rest = java.util.Arrays.asList(args);
        return args.length > 1 && (args[0].equals("--version") || args[0].equals("-V")) && rest.contains("--json")
                && rest.subList(1, args.length).stream().allMatch(a -> java.util.List.of("--json", "--no-color", "-v", "--verbose").contains(a));
    }

    /**
     * The subcommands to build models of (picocli reads each one's annotations up front): the one named on the command
     * line, none for a bare {@code --version} (CI scripts ask it; the 23 models cost it most of its time), else all
     * of them, for help, suggestions and errors.
     */
    private static java.util.Collection<Class<?>> subcommandsFor(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return java.util.List.of();
        }
        Class<?> named = args.length > 0 ? FlotillaCommand.SUBCOMMANDS.get(args[0]) : null;
        return named != null ? java.util.List.of(named) : FlotillaCommand.SUBCOMMANDS.values();
    }

    /**
     * Gives a command and its own subcommands {@code -h, --help} (not {@code --version}: several take a version), and
     * their descriptions as one paragraph: the strings of a {@code description = {..}} are where the source's lines
     * break, which picocli would print as lines of their own, each wrapped again at 80 columns ("...security: every"
     * alone on a line). The command lists show each command's {@code header}, a sentence that fits one line.
     */
    private static void withHelp(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.description().length > 1) {
            usage.description(String.join(" ", usage.description()));
        }
        command.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        command.getSubcommands().values().forEach(Main::withHelp);
    }

    /** Hands every command the shared output and the environment. */
    private record Factory(Output output, Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (FlotillaSubcommand.class.isAssignableFrom(type)) {
                return type.getDeclaredConstructor(Output.class, Map.class).newInstance(output, environment);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
