package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * For a test that kills a running deploy once another process has read a record it wrote: H2 shows a commit to other
 * sessions a moment before it writes it to the file, and a kill in that moment loses it (the deploy was never told it
 * was committed; see CommitSurvivesKillH2IT). {@link #awaitWritten} waits until what was seen is in the file.
 */
final class SeenCommits {
    private SeenCommits() {
    }

    /**
     * Returns once the deploy running {@code deployment} from the embedded plane in {@code folder} has committed a
     * heartbeat after what was read before this call: the plane commits one transaction at a time, so that heartbeat's
     * commit began after the earlier ones returned, each written to the file by then.
     */
    static void awaitWritten(Path folder, String deployment) throws SQLException {
        try (Connection plane = DriverManager.getConnection(ControlPlane.embeddedUrl(folder), ControlPlane.EMBEDDED_USER, "")) {
            Timestamp seen = heartbeat(plane, deployment);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!heartbeat(plane, deployment).after(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(deployment + " has no heartbeat after " + seen + " within 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    private static Timestamp heartbeat(Connection plane, String deployment) throws SQLException {
        try (PreparedStatement read = plane.prepareStatement("SELECT heartbeat_at FROM deployments WHERE id = ?")) {
            read.setString(1, deployment);
            try (ResultSet r = read.executeQuery()) {
                r.next();
                return r.getTimestamp(1);
            }
        }
    }
}
