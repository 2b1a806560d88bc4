package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A scratch database on the target's PostgreSQL server holding a copy of the target's schema under the
 * same name, restored from {@code pg_dump --schema-only}; a schema that does not exist yet becomes an empty one.
 * Keeping the schema's name means the migrations run on the copy exactly as they would on the target. Dropped with
 * {@code DROP DATABASE .. WITH (FORCE)}, within the lock timeout as a scratch target is ({@link ScratchTarget#dropBounded}).
 */
final class PostgresScratchClone implements ScratchClone {
    private static final String DUPLICATE_SCHEMA = "42P06";
    private final java.time.Duration lockWait;

    /**
     * @param lockWait how long pg_dump waits for a table another session holds, and dropping the clone for the database
     *     another session holds (a lock taken on it); null: without bound
     */
    PostgresScratchClone(java.time.Duration lockWait) {
        this.lockWait = lockWait;
    }

    @Override
    public Scratch create(TargetSession source, Set<String> excluded, RowSample sample) throws SQLException {
        Dialect dialect = source.dialect();
        TargetSpec spec = source.spec();
        // A schema not created yet (a tenant's first deploy creates it) is copied as what it would be: empty.
        boolean empty = !source.schemaExists();
        String dump = empty ? null : PgDump.schemaOnly(spec, source.schema(), PgDump.withOwnedSequences(source, excluded), lockWait);
        String name = ScratchNames.next();
        Connection admin = TargetSession.connectToServer(spec);
        Connection[] copy = new Connection[1];
        AutoCloseable dropper = () -> {
            try (admin) {
                if (copy[0] != null) {
                    copy[0].close();
                }
                ScratchTarget.dropBounded(admin, dialect, spec, "database " + name, "the database (a lock on it)", lockWait,
                        "DROP DATABASE IF EXISTS " + dialect.quote(name) + " WITH (FORCE)");
            }
        };
        try {
            // Open before it exists: a cleanup in this process (the console's) leaves alone what this process has open.
            ScratchRegistry.remember(name, dropper, spec::scrub);
            Jdbc.execute(admin, "CREATE DATABASE " + dialect.quote(name));
            copy[0] = TargetSession.connectToServer(new TargetSpec(PgDump.withDatabase(spec.url(), name), spec.user(),
                    spec.password(), null, spec.historyTable()));
            if (!empty) {
                restore(copy[0], dialect, dump);
            }
            dialect.useSchema(copy[0], source.schema(), empty);
            if (sample.rows() > 0 && !empty) {
                Jdbc.execute(copy[0], "SET session_replication_role = replica");
                SampleRows.copy(dialect, source.connection(), source.schema(), copy[0], source.schema(),
                        dialect.tableNames(source.connection(), source.schema()).stream()
                                .filter(t -> !excluded.contains(t)).toList(), sample);
                Jdbc.execute(copy[0], "SET session_replication_role = DEFAULT");
            }
            return new Scratch(name, source.schema(), copy[0], dropper);
        } catch (SQLException | RuntimeException e) {
            ScratchRegistry.forget(name);
            try {
                dropper.close();
            } catch (Exception ignored) {
                // Already failing; a leftover is found by `dry-run --cleanup`.
            }
            throw e;
        }
    }

    /** Runs the dump's statements, leaving out psql's backslash commands ({@code \restrict} and the like). */
    private static void restore(Connection copy, Dialect dialect, String dump) throws SQLException {
        String sql = Arrays.stream(dump.split("\n", -1)).filter(line -> !line.startsWith("\\"))
                .collect(Collectors.joining("\n"));
        for (SqlStatement statement : dialect.split(sql)) {
            try {
                Jdbc.execute(copy, statement.sql());
            } catch (SQLException e) {
                boolean schemaThere = DUPLICATE_SCHEMA.equals(e.getSQLState())
                        && statement.sql().stripLeading().toUpperCase().startsWith("CREATE SCHEMA");
                if (!schemaThere) {
                    throw new SQLException("Restoring the structure into the scratch copy failed at line " + statement.line()
                            + " of pg_dump's output: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }
}
