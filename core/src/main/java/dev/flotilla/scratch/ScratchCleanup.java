package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.MariaDbSessions;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Finds and drops the scratch databases ({@code flotilla_dry_*}) that dry runs left on a server when their
 * process was killed, and on PostgreSQL the scratch schemas of drift checks in the connected database. H2 and
 * SQLite scratch copies live in memory or temporary files and leave nothing. Only what is proven unused is dropped:
 * a scratch's name says which process made it ({@link ScratchNames}), and one whose process still runs, or runs where
 * this machine cannot look, is left alone.
 */
public final class ScratchCleanup {
    private ScratchCleanup() {
    }

    /** The scratch databases (and PostgreSQL's scratch schemas) on the spec's server: those named as Flotilla names them. */
    public static List<String> find(TargetSpec spec) throws SQLException {
        Dialect dialect = Dialect.forUrl(spec.url());
        String query = switch (dialect.name()) {
            case "postgresql" -> "SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname";
            case "mariadb" -> "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY SCHEMA_NAME";
            default -> null;
        };
        if (query == null) {
            return List.of();
        }
        try (Connection connection = TargetSession.connectToServerOnly(spec)) {
            List<String> names = new java.util.ArrayList<>(Jdbc.queryStrings(connection, query, ScratchNames.likePattern()));
            if ("postgresql".equals(dialect.name())) {
                names.addAll(Jdbc.queryStrings(connection, "SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname LIKE ?"
                        + " ORDER BY nspname", ScratchNames.likePattern()));
            }
            // A user's database or schema named with the prefix alone is theirs: never listed, never dropped.
            return names.stream().filter(name -> ScratchNames.isMade(name.startsWith("schema ") ? name.substring(7) : name))
                    .toList();
        }
    }

    /** What a cleanup dropped, and what it left because it is in use, with why. */
    public record Result(List<String> dropped, List<Skipped> skipped) {
        public Result {
            dropped = List.copyOf(dropped);
            skipped = List.copyOf(skipped);
        }
    }

    /** A scratch database left in place: {@code reason} says why ("2 open session(s): a dry run is using it"). */
    public record Skipped(String name, String reason) {
    }

    /**
     * Drops the scratch databases and schemas on the spec's server that are proven unused: made by a process that is gone
     * (killed: it is on this machine and its pid no longer runs), or by this process and no longer open here. A database
     * still needs no session to use it (PostgreSQL: pg_stat_activity; MariaDB: the PROCESSLIST's current database), as a
     * killed run's statement may still be finishing; one whose name does not say its process (an older Flotilla's) is
     * judged by its sessions alone. Everything else is left and reported as skipped, saying why. On PostgreSQL the drop
     * does not force sessions off, so a session that connects between the look and the drop keeps its copy (skipped too).
     */
    public static Result dropUnused(TargetSpec spec) throws SQLException {
        return dropUnused(spec, find(spec), false);
    }

    /**
     * As {@link #dropUnused(TargetSpec)}, for a cleanup nobody asked for (a console starting): a scratch whose name does
     * not say its process is left too, whatever its sessions say; {@code dry-run --cleanup} judges those.
     */
    public static Result dropLeftByDeadProcesses(TargetSpec spec) throws SQLException {
        return dropUnused(spec, find(spec), true);
    }

    /**
     * Why a scratch may be in use, or null when its owner is proven gone (or is this process, done with it) or, for a
     * database whose name does not say its owner, its sessions are left to tell.
     */
    static String inUse(String name, boolean schema, boolean ownedOnly) {
        java.util.Optional<ScratchNames.Owner> found = ScratchNames.ownerOf(name);
        if (found.isEmpty()) {
            return schema || ownedOnly ? "its name does not say which process made it (an older Flotilla's, or not made on Linux): a drift"
                    + " check or dry run may be using it; `dry-run --cleanup` judges a database by its sessions, a schema is"
                    + " dropped by hand (DROP SCHEMA ... CASCADE) once none runs" : null;
        }
        ScratchNames.Owner owner = found.get();
        if (owner.isThisProcess()) {
            return ScratchRegistry.isOpen(name) ? "this process is using it" : null;
        }
        if (owner.isGone()) {
            return null;
        }
        return owner.isHere() ? "its process " + owner.pid() + " on this machine is still running and using it"
                : "made by process " + owner.pid() + " on another machine or container, which cannot be looked at from here:"
                + " run --cleanup there, or drop it by hand once that process has ended";
    }

    /**
     * Why this MariaDB/MySQL session cannot tell that no one uses a scratch database, or null when it can: another
     * user's running dry run is not in the PROCESSLIST it sees without the PROCESS privilege.
     */
    static String unseenSessions(Connection connection) throws SQLException {
        String user = MariaDbSessions.userWithoutProcessPrivilege(connection);
        return user == null ? null : "no session of " + user + " uses it, but without the PROCESS privilege it sees no other"
                + " user's sessions, so another user's dry run may be using it: GRANT PROCESS ON *.* TO " + user + " (or run"
                + " --cleanup as a user that has it), or drop it by hand once no dry run is running";
    }

    static Result dropUnused(TargetSpec spec, List<String> names) throws SQLException {
        return dropUnused(spec, names, false);
    }

    private static Result dropUnused(TargetSpec spec, List<String> names, boolean ownedOnly) throws SQLException {
        List<String> dropped = new java.util.ArrayList<>();
        List<Skipped> skipped = new java.util.ArrayList<>();
        if (names.isEmpty()) {
            return new Result(dropped, skipped);
        }
        Dialect dialect = Dialect.forUrl(spec.url());
        boolean postgres = "postgresql".equals(dialect.name());
        String sessions = postgres ? "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()";
        try (Connection connection = TargetSession.connectToServerOnly(spec)) {
            String blind = postgres ? null : unseenSessions(connection);
            for (String name : names) {
                boolean schema = name.startsWith("schema ");
                String inUse = inUse(schema ? name.substring("schema ".length()) : name, schema, ownedOnly);
                if (inUse != null) {
                    skipped.add(new Skipped(name, inUse));
                    continue;
                }
                if (schema) {
                    Jdbc.execute(connection, "DROP SCHEMA IF EXISTS " + dialect.quote(name.substring(7)) + " CASCADE");
                    dropped.add(name);
                    continue;
                }
                long open = Long.parseLong(Jdbc.queryStrings(connection, sessions, name).get(0));
                if (open > 0) {
                    skipped.add(new Skipped(name, open + " open session(s): a dry run is using it (or a killed one's statement"
                            + " is still finishing on the server)"));
                    continue;
                }
                if (blind != null) {
                    skipped.add(new Skipped(name, blind));
                    continue;
                }
                try {
                    Jdbc.execute(connection, "DROP DATABASE IF EXISTS " + dialect.quote(name));
                    dropped.add(name);
                } catch (SQLException e) {
                    if (!postgres || !"55006".equals(e.getSQLState())) {
                        throw e;
                    }
                    skipped.add(new Skipped(name, "a session connected to it meanwhile: a dry run is using it"));
                }
            }
        }
        return new Result(dropped, skipped);
    }
}
