package dev.flotilla.scratch;

import dev.flotilla.Durations;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * An empty target beside a real one, to build a schema in and throw away: a scratch schema in the same
 * PostgreSQL database (its roles and extensions at hand), a scratch database on the same MariaDB server, a
 * temporary SQLite file, an in-memory H2 database. Named {@code flotilla_dry_...}; closing drops it, and so
 * does a JVM shutdown; {@code dry-run --cleanup} removes what a killed process left.
 *
 * @param spec the scratch target, with the real target's credentials and history table name
 */
public record ScratchTarget(String name, TargetSpec spec, AutoCloseable dropper) implements AutoCloseable {

    /**
     * A fresh scratch target beside {@code target}; it is created by the first session opened with createSchema.
     *
     * @param lockWait how long dropping it waits for a table of it another session holds (the run's lock timeout), after
     *     which it is left, with a LOCK_TIMEOUT naming it and the cleanup; null: as long as the server's setting says
     */
    public static ScratchTarget beside(TargetSpec target, Duration lockWait) {
        String name = ScratchNames.next();
        Dialect dialect = Dialect.forUrl(target.url());
        ScratchTarget scratch = switch (dialect.name()) {
            case "postgresql", "mariadb" -> new ScratchTarget(name, new TargetSpec(target.url(), target.user(), target.password(),
                    name, target.historyTable()), () -> drop(target, dialect, name, lockWait));
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
        ScratchRegistry.remember(name, scratch.dropper(), target::scrub);
        return scratch;
    }

    private static void drop(TargetSpec target, Dialect dialect, String name, Duration lockWait) throws Exception {
        boolean schema = "postgresql".equals(dialect.name());
        try (Connection connection = TargetSession.connectToServerOnly(target)) {
            String drop = schema ? "DROP SCHEMA IF EXISTS " + dialect.quote(name) + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + dialect.quote(name);
            dropBounded(connection, dialect, target, (schema ? "schema " : "database ") + name, "one of its tables", lockWait, drop);
        }
    }

    /**
     * Runs {@code drop} on {@code connection} waiting no longer than {@code lockWait} for what another session holds of
     * the scratch (a session left reading one of its tables, a console's or a crashed run's, must not hold the run up for
     * ever); past it the scratch is left, with a LOCK_TIMEOUT naming it ({@code what}: "database flotilla_dry_..."), what
     * it waited for ({@code held}: "one of its tables") and the cleanup. Null: as long as the server's setting says.
     */
    static void dropBounded(Connection connection, Dialect dialect, TargetSpec target, String what, String held,
                            Duration lockWait, String drop) throws SQLException {
        dialect.applyTimeoutsUntilClosed(connection, lockWait, null);
        try {
            Jdbc.execute(connection, drop);
        } catch (SQLException e) {
            if (lockWait == null || !dialect.isLockTimeout(e)) {
                throw e;
            }
            throw undroppable(target, what, held, lockWait, e);
        }
    }

    /** The LOCK_TIMEOUT of {@link #dropBounded}, its cause (the driver's words may quote the URL) masked of the target's secrets. */
    static FlotillaException undroppable(TargetSpec target, String what, String held, Duration lockWait, SQLException e) {
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Could not drop the scratch " + what + " on "
                + target.displayName() + ": it waited more than " + Durations.said(lockWait) + " (the lock timeout) for "
                + held + ", which another session holds" + Failures.sqlState(e) + ". It is left there:"
                + " remove it with `flotilla dry-run --cleanup` once that session has ended.", e).masked(target::scrub);
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
