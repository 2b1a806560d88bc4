package dev.flotilla.cli;

import picocli.CommandLine.Option;

/** Output flags shared by every command. */
final class OutputOptions {
    @Option(names = "--json", description = "Print exactly one JSON document on stdout, also on failure.")
    boolean json;

    @Option(names = "--no-color", description = "Plain text without ANSI colours.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    /** Whether stdout is a terminal, where a live progress line makes sense. */
    static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ may hand out a console even when redirected; isTerminal() tells.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    boolean color() {
        return !noColor && terminal() && System.getenv("NO_COLOR") == null;
    }
}
