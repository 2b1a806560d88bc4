package dev.flotilla.run;

import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wraps a dry run's executor and, after each migration it applies, runs the migration's down script and the
 * migration again on the same transaction or clone, comparing snapshots: down must give back the schema from
 * before, the second apply must give the schema of the first. The dry run then goes on from the re-applied
 * state, which is the state the first apply left.
 */
final class RoundTripExecutor implements MigrationExecutor {
    private final MigrationExecutor inner;
    private final Connection connection;
    private final SnapshotReader reader;
    private final String schema;
    private final Set<String> excluded;
    private final Map<String, PreparedScript> downs;
    private final List<RoundTrip> results = new ArrayList<>();

    /** @param downs the prepared down script of each pending migration that has one, by script name */
    RoundTripExecutor(MigrationExecutor inner, Connection connection, SnapshotReader reader, String schema, Set<String> excluded,
                      Map<String, PreparedScript> downs) {
        this.inner = inner;
        this.connection = connection;
        this.reader = reader;
        this.schema = schema;
        this.excluded = excluded;
        this.downs = downs;
    }

    @Override
    public void begin() throws SQLException {
        inner.begin();
    }

    @Override
    public MigrationRun run(PreparedScript script) throws SQLException {
        SchemaSnapshot before = snapshot();
        MigrationRun up = inner.run(script);
        if (up.failed()) {
            return up;
        }
        PreparedScript down = downs.get(script.script());
        if (down == null) {
            results.add(new RoundTrip(script.version(), script.script(), List.of(), "no down file"));
            return up;
        }
        SchemaSnapshot applied = snapshot();
        List<String> problems = new ArrayList<>();
        if (runAll(down, "the down file", problems)) {
            SchemaDiff left = SchemaDiff.between(before, snapshot());
            if (!left.isEmpty()) {
                problems.add("the down file " + down.shown() + " does not give back the schema from before: " + left.changes());
            }
            if (runAll(script, "applying it again", problems)) {
                SchemaDiff again = SchemaDiff.between(applied, snapshot());
                if (!again.isEmpty()) {
                    problems.add("applying it again gives a different schema: " + again.changes());
                }
            }
        }
        results.add(new RoundTrip(script.version(), script.script(), problems, null));
        return up;
    }

    /** Runs every statement; on failure notes it and, inside a transaction, rolls the attempt back. */
    private boolean runAll(PreparedScript script, String what, List<String> problems) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        List<StatementRun> done = new ArrayList<>();
        FailedStatement failed = StatementExecution.runUntilFailure(connection, script, done);
        if (failed == null) {
            return true;
        }
        if (savepoint != null) {
            connection.rollback(savepoint);
        }
        problems.add(what + " failed at statement " + (done.size() + 1) + " (line " + script.statements().get(done.size()).line()
                + " of " + script.shown() + ") [SQLSTATE " + failed.error().getSQLState() + "]: " + failed.error().getMessage());
        return false;
    }

    @Override
    public void finish() throws SQLException {
        inner.finish();
    }

    List<RoundTrip> results() {
        return List.copyOf(results);
    }

    private SchemaSnapshot snapshot() throws SQLException {
        return reader.read(connection, schema, excluded);
    }
}
