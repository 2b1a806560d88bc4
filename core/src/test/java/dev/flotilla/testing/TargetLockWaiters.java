package dev.flotilla.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;

/** Sees, on the PostgreSQL test server, a session waiting for a target lock another one holds. */
public final class TargetLockWaiters {
    private TargetLockWaiters() {
    }

    /**
     * Waits until a session other than the holder has been trying for this target's lock for at least {@code atLeast}:
     * its history read (the schema named in it) started anew since first seen. Each try ends with that read, which a
     * restore makes once before its first try, so once it starts again the restore has read the history it compares.
     */
    public static void awaitPollingForTheLock(TargetSpec target, String holderPid, Duration atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String reads = "SELECT MAX(query_start)::text FROM pg_stat_activity WHERE pid NOT IN (" + holderPid + ", pg_backend_pid())"
                + " AND query LIKE '%\"" + target.schema() + "\".\"tenant_migrations\"%'";
        try (Connection watcher = DriverManager.getConnection(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null)) {
            String first = null;
            Instant polling = null;
            while (polling == null || Duration.between(polling, Instant.now()).compareTo(atLeast) < 0) {
                String last = Jdbc.queryString(watcher, reads);
                first = first == null ? last : first;
                polling = polling == null && last != null && !last.equals(first) ? Instant.now() : polling;
                assertThat(System.nanoTime()).as("the restore waits for the target lock").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }
}
