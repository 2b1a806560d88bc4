package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.WriteBehind;
import java.sql.SQLException;

/**
 * A task's start, queued to the control plane and committed before anything reaches the task's target: the worker
 * connects, takes the lock and reads the history while the plane's writer commits it, and {@link #await awaits} the
 * commit before the first write to the target (or a beforeTenant hook, which may ask the plane). A start the plane
 * does not take stops the deployment with the plane's error before the target is touched: {@link NotRecorded} passes
 * through the task's handling of its own failures and retries.
 */
final class TaskStart {
    private final WriteBehind.Flushing committed;
    private boolean known;

    TaskStart(WriteBehind.Flushing committed) {
        this.committed = committed;
    }

    /** Returns once the start is committed; throws {@link NotRecorded} if it was not. */
    void await() {
        if (known) {
            return;
        }
        try {
            committed.await();
        } catch (FlotillaException e) {
            throw new NotRecorded(e);
        }
        known = true;
    }

    /** {@code then}, after the start is committed, and the start's commit before a schema or database is created. */
    BeforeApplying before(BeforeApplying then) {
        return new BeforeApplying() {
            @Override
            public void run(int pending, boolean empty) throws SQLException {
                await();
                then.run(pending, empty);
            }

            @Override
            public void beforeCreating() {
                await();
            }
        };
    }

    /** The start was not committed: nothing may reach the target. */
    static final class NotRecorded extends RuntimeException {
        NotRecorded(FlotillaException failure) {
            super(failure.getMessage(), failure);
        }

        FlotillaException failure() {
            return (FlotillaException) getCause();
        }
    }
}
