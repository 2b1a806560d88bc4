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

    boolean color() {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
