package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Stops asked for of running deployments: recording one, and the heartbeat of the process running the deployment
 * that reads it. Thread-safe: a stop may be asked for from any thread (the console, a signal handler) while the
 * deployment's heartbeat runs on its own.
 */
public final class StopRequests {
    private final ControlPlane plane;
    /** The heartbeats of the deployments this process runs, by id: a stop asked for here takes effect at once. */
    private final Map<String, Heartbeat> runningHere = new ConcurrentHashMap<>();

    StopRequests(ControlPlane plane) {
        this.plane = plane;
    }

    /**
     * Marks the running deployment alive every period of the plane's until closed, telling {@code onStop} once when a
     * stop is asked for: start it when this process starts or resumes running the deployment, close it when the run ends.
     */
    public Heartbeat beating(String deployment, Consumer<StopRequest> onStop) {
        Heartbeat heartbeat = new Heartbeat(this, deployment, plane.heartbeat(), onStop,
                closed -> runningHere.remove(deployment, closed));
        runningHere.put(deployment, heartbeat);
        return heartbeat;
    }

    /** One heartbeat: the running deployment was seen now, by the control plane's clock; the stop asked for, if any. */
    Optional<StopRequest> beat(String deployment) {
        return plane.write("marking deployment " + deployment + " alive", c -> {
            Jdbc.update(c, "UPDATE deployments SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND status = 'running'",
                    deployment);
            return stopRequest(c, deployment);
        });
    }

    /** The stop asked for of the deployment, if any: read between heartbeats, so a stop is heard promptly. */
    Optional<StopRequest> stopRequest(String deployment) {
        return plane.with("reading whether deployment " + deployment + " is asked to stop", c -> stopRequest(c, deployment));
    }

    private static Optional<StopRequest> stopRequest(Connection c, String deployment) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(c, "SELECT stop_requested_by, stop_requested_at FROM deployments"
                + " WHERE id = ?", deployment); ResultSet r = statement.executeQuery()) {
            return r.next() && r.getString(1) != null ? Optional.of(new StopRequest(r.getString(1), PlaneTime.read(r, 2)))
                    : Optional.empty();
        }
    }

    /**
     * Asks the running deployment to stop: the process running it, within about a second (see {@link Heartbeat}),
     * starts no new tenant, lets those in flight finish and ends it stopped. Asked again, the first request stands. Audited as asked by {@code by}
     * (from {@code source}, a client's address or null). Refused (BAD_USAGE) for a deployment that is not running,
     * saying what can be done with it instead. Asked in the process running the deployment (the console's Stop, a
     * signal to the CLI), it beats at once: the stop is in force when this returns, not at the next heartbeat.
     */
    public DeploymentRecord request(String id, String by, String source) {
        DeploymentRecord record = plane.deployments().require(id);
        if (record.status() != DeploymentStatus.RUNNING) {
            throw notRunning(record);
        }
        plane.write("asking deployment " + id + " to stop", c -> Jdbc.update(c, "UPDATE deployments SET stop_requested_by = ?,"
                + " stop_requested_at = ? WHERE id = ? AND status = 'running' AND stop_requested_by IS NULL", by,
                PlaneTime.now(), id));
        DeploymentRecord now = plane.deployments().require(id);
        if (now.status() != DeploymentStatus.RUNNING) {
            throw notRunning(now); // it ended between the two reads
        }
        plane.audit().record(by, (now.rollback() ? "rollback" : "deploy") + ".stop-requested", null, id, "asked with "
                + (now.succeeded() + now.failed() + now.skipped()) + " of " + now.total() + " tenant(s) done; no new tenant"
                + " starts, those in flight finish", "ok", source);
        Heartbeat here = runningHere.get(id);
        if (here != null) {
            here.beatNow();
        }
        return now;
    }

    private static FlotillaException notRunning(DeploymentRecord record) {
        String id = record.id();
        String resume = "`flotilla " + (record.rollback() ? "rollback" : "deploy") + " --resume " + id + "` continues it.";
        String then = switch (record.status()) {
            case INTERRUPTED -> "its process " + record.runner() + " is gone (interrupted): nothing runs to stop. " + resume;
            case STOPPED -> "it was stopped already. " + resume;
            case FAILED -> "it ended failed. `flotilla deploy --retry-failed " + id + "` runs its failed tenants again.";
            default -> "it ended " + record.status().word() + "; there is nothing to stop.";
        };
        return new FlotillaException(ErrorCode.BAD_USAGE, "Cannot stop deployment " + id + ": it is not running, " + then
                + " See `flotilla deployments show " + id + "`.");
    }
}
