package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * An empty target beside a real one, to build a schema in and throw away: a scratch schema in the same
 * PostgreSQL database (its roles and extensions at hand), a scratch database on the same MariaDB server, a
 * temporary SQLite file, an in-memory H2 database. Named {@code flotilla_dry_...}; closing drops it, and so
 * does a JVM shutdown; {@code dry-run --cleanup} removes what a killed process left.
 *
 * @param spec the scratch target, with the real target's credentials and history table name
 */
public record ScratchTarget(String name, TargetSpec spec, AutoCloseable dropper) implements AutoCloseable {

    /** A fresh scratch target beside {@code target}; it is created by the first session opened with createSchema. */
    public static ScratchTarget beside(TargetSpec target) {
        String name = ScratchNames.next();
        Dialect dialect = Dialect.forUrl(target.url());
        ScratchTarget scratch = switch (dialect.name()) {
            case "postgresql", "mariadb" -> new ScratchTarget(name, new TargetSpec(target.url(), target.user(), target.password(),
                    name, target.historyTable()), () -> drop(target, dialect, name));
            case "sqlite" -> {
                Path file = temporaryFile(name);
                yield new ScratchTarget(name, new TargetSpec("jdbc:sqlite:" + file, null, null, null, target.historyTable()),
                        () -> Files.deleteIfExists(file));
            }
            default -> {
                TargetSpec memory = new TargetSpec("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null, null,
                        target.historyTable());
                yield new ScratchTarget(name, memory, () -> shutDown(memory));
            }
        };
        ScratchRegistry.remember(name, scratch.dropper());
        return scratch;
    }

    private static void drop(TargetSpec target, Dialect dialect, String name) throws Exception {
        try (Connection connection = TargetSession.connectToServerOnly(target)) {
            Jdbc.execute(connection, ("postgresql".equals(dialect.name()) ? "DROP SCHEMA IF EXISTS " + dialect.quote(name)
                    + " CASCADE" : "DROP DATABASE IF EXISTS " + dialect.quote(name)));
        }
    }

    private static void shutDown(TargetSpec memory) throws Exception {
        try (Connection connection = TargetSession.connectToServer(memory)) {
            Jdbc.execute(connection, "SHUTDOWN");
        }
    }

    private static Path temporaryFile(String name) {
        try {
            return Files.createTempFile(name, ".db");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch SQLite file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        ScratchRegistry.drop(name, dropper);
    }
}
