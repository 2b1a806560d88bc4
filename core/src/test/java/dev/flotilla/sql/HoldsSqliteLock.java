package dev.flotilla.sql;

import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.time.Duration;

/**
 * A second process for tests: takes the target lock of the SQLite database at args[0] as a run does, says "locked", and
 * holds it until its input ends (or it is killed).
 */
public final class HoldsSqliteLock {
    private HoldsSqliteLock() {
    }

    public static void main(String[] args) throws Exception {
        TargetSpec target = new TargetSpec(args[0], null, null, null, null);
        try (TargetSession session = TargetSession.open(target, true);
             SessionLock held = session.lock(target.historyTable(), Duration.ofSeconds(30))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the lock until the test closes our input.
            }
        }
    }
}
