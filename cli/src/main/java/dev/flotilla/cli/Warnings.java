package dev.flotilla.cli;

import dev.flotilla.migration.LoadedMigrations;

/**
 * Prints the warnings found while loading migration files (files that match no naming pattern, test-only folders): on
 * stdout with the text output, on stderr with --json, whose stdout is the one document.
 */
final class Warnings {
    private Warnings() {
    }

    static void print(Output output, LoadedMigrations migrations) {
        if (output.json()) {
            migrations.warnings().forEach(w -> output.warn(w.file() + ": " + w.message()));
        } else {
            migrations.warnings().forEach(w -> output.line(output.yellow("warning") + " " + w.file() + ": " + w.message()));
        }
    }
}
