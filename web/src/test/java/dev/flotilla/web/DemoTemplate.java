package dev.flotilla.web;

import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.demo.DemoFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The demo fleet with the users of {@link DemoConsole}, made once per test JVM and copied for each test: making it
 * (the control plane's migrations, the base schema deployed to every tenant, an Argon2 hash per user) took most of a
 * console test's time. A copy is what {@link DemoFleet#open} makes in a fresh folder: it keeps what it finds there.
 */
final class DemoTemplate {
    private static Path made;

    private DemoTemplate() {
    }

    /**
     * Copies the template into {@code folder} (created, and empty or absent), all but its flotilla.yml, which names the
     * template's own folder: opening the copy writes it anew.
     */
    static void copyTo(Path folder) {
        Path template = template();
        try (var files = Files.walk(template)) {
            for (Path from : files.toList()) {
                Path to = folder.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (!from.getFileName().toString().equals("flotilla.yml")) {
                    Files.copy(from, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the demo fleet " + template + " to " + folder, e);
        }
    }

    private static synchronized Path template() {
        if (made == null) {
            try {
                Path folder = Files.createTempDirectory("flotilla-demo-template");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
                ConsoleFleet fleet = DemoFleet.open(folder);
                try {
                    DemoConsole.addUsers(new Accounts(fleet.plane().users()));
                } finally {
                    fleet.plane().close();
                }
                made = folder;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not make the demo fleet's template", e);
            }
        }
        return made;
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete the demo fleet's template " + folder + ": " + e);
        }
    }
}
