package dev.flotilla.control;

import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet dry runs whose process was killed before it recorded how they ended, and their end as interrupted (see
 * {@link DryRunStore#endInterrupted}): a run is known to be gone only where it ran on this machine and pid namespace,
 * and its pid no longer runs or was used again since the run started ({@link Runner#goneHere}).
 */
final class InterruptedDryRuns {
    private final ControlPlane plane;

    InterruptedDryRuns(ControlPlane plane) {
        this.plane = plane;
    }

    /** Ends each killed run; a run ended meanwhile by another is not ended again, nor returned. */
    List<DryRunStore.Interrupted> end() {
        List<DryRunStore.Interrupted> ended = new ArrayList<>();
        for (Unfinished run : killed()) {
            String error = DryRunStore.INTERRUPTED + "its process " + run.runner()
                    + " ended before the dry run finished (killed?); dry-run again.";
            int updated = plane.write("recording a dry run", c -> Jdbc.update(c, "UPDATE fleet_dry_runs SET finished_at = ?,"
                    + " error = ? WHERE id = ? AND finished_at IS NULL", PlaneTime.now(), error, run.id()));
            if (updated == 1) {
                ended.add(new DryRunStore.Interrupted(run.id(), run.user(), run.runner(), error));
            }
        }
        return ended;
    }

    boolean any() {
        return !killed().isEmpty();
    }

    /** The fleet dry runs not finished whose process is known here to be gone. */
    private List<Unfinished> killed() {
        List<Unfinished> running = plane.with("reading dry runs", c -> {
            List<Unfinished> rows = new ArrayList<>();
            try (PreparedStatement query = Jdbc.prepare(c, "SELECT id, started_by, started_at, runner FROM fleet_dry_runs"
                    + " WHERE finished_at IS NULL AND runner IS NOT NULL ORDER BY started_at"); ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    rows.add(new Unfinished(r.getString(1), r.getString(2), PlaneTime.read(r, 3), r.getString(4)));
                }
            }
            return rows;
        });
        return running.stream().filter(run -> Runner.goneHere(run.runner(), Duration.between(run.started(), Instant.now())))
                .toList();
    }

    /** A fleet dry run recorded as running, with the process running it. */
    private record Unfinished(String id, String user, Instant started, String runner) {
    }
}
