package dev.flotilla.run;

import dev.flotilla.scratch.Scratch;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The clone dry-run executor: runs every script, statement by statement, on a scratch copy of the target and
 * records nothing; the copy is dropped afterwards by its owner. Statements that refuse a transaction
 * ({@code CREATE INDEX CONCURRENTLY}) run here as they would on the target.
 */
final class CloneExecutor implements MigrationExecutor {
    private final Scratch scratch;
    private final TargetSession target;

    CloneExecutor(Scratch scratch, TargetSession target) {
        this.scratch = scratch;
        this.target = target;
    }

    @Override
    public void begin() throws SQLException {
        scratch.connection().setAutoCommit(true);
    }

    @Override
    public MigrationRun run(PreparedScript script) {
        long start = System.nanoTime();
        List<StatementRun> done = new ArrayList<>();
        FailedStatement failure = StatementExecution.runUntilFailure(scratch.connection(), script, done);
        if (failure != null) {
            // The copy runs under its own session's settings, not the target's timeouts; its holders are not the target's.
            return new StatementFailure(target.dialect(), target.spec(), null, null, null).of(script, done.size() + 1,
                    failure, done, ApplyingExecutor.millisSince(start), StatementFailure.Aftermath.DRY_RUN, false);
        }
        return ApplyingExecutor.applied(script, false, done, ApplyingExecutor.millisSince(start));
    }

    @Override
    public void finish() {
        // The scratch copy is dropped by whoever created it, also when a script failed.
    }
}
