package dev.flotilla.cli;

import dev.flotilla.migration.LoadedMigrations;

/** Prints the warnings found while loading migration files (files that match no naming pattern). */
final class Warnings {
    private Warnings() {
    }

    static void print(Output output, LoadedMigrations migrations) {
        migrations.warnings().forEach(w -> output.line(output.yellow("warning") + " " + w.file() + ": " + w.message()));
    }
}
