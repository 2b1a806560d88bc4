package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM while this process runs a fleet deployment or rollback stops it as {@code flotilla
 * deployments stop} does: the stop is recorded (by "user (SIGINT)"), no new tenant starts, those in flight finish their
 * migrations, and the command ends with the deployment stopped, its summary and exit 1. A second signal aborts at once,
 * as the JVM does without this.
 *
 * <p>The handlers ({@code sun.misc.Signal}, jdk.unsupported) are installed once the deployment exists and the JVM's own
 * put back when the run returns, so every other moment and command is as before. Not a shutdown hook: a hook runs once
 * the JVM is already exiting, so it could only hold the exit off, not cancel it nor set its code (130/143 rather than
 * a stopped deployment's 1), a second signal could no longer abort, and the summary would race the exit.
 */
final class StopOnSignal implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Output output;
    private final ControlPlane plane;
    private final String actor;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final Set<TenantId> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger received = new AtomicInteger();
    private volatile String deployment;
    private boolean closed;

    /** @param actor who runs the command: the stop is recorded as theirs, naming the signal */
    StopOnSignal(Output output, ControlPlane plane, String actor) {
        this.output = output;
        this.plane = plane;
        this.actor = actor;
    }

    /** {@code progress}, with the signals taken over once the deployment exists and its tenants in flight counted. */
    FleetListener listening(FleetListener progress) {
        return new OnDeploymentStarted(progress, this::install) {
            @Override
            public void taskStarted(TenantId tenant) {
                inFlight.add(tenant);
                super.taskStarted(tenant);
            }

            @Override
            public void taskFinished(TaskResult result) {
                inFlight.remove(result.tenant());
                super.taskFinished(result);
            }
        };
    }

    /** The deployment once it exists (recorded in the control plane), else null. */
    String deployment() {
        return deployment;
    }

    private synchronized void install(String id) {
        if (closed || deployment != null) {
            return;
        }
        deployment = id;
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, this::received));
            } catch (IllegalArgumentException unavailable) {
                // The JVM keeps it (-Xrs) or the OS has none: that signal does what it did.
            }
        }
    }

    private void received(Signal signal) {
        if (received.getAndIncrement() > 0) {
            abort(signal);
            return;
        }
        try {
            plane.stopRequests().request(deployment, actor + " (SIG" + signal.getName() + ")", null);
        } catch (FlotillaException e) {
            if (e.code() != ErrorCode.BAD_USAGE) { // BAD_USAGE: it has just ended, there is nothing left to stop
                output.warn("The stop of " + deployment + " could not be recorded, so it goes on: " + e.getMessage()
                        + " Press Ctrl-C again to abort at once.");
            }
            return;
        }
        output.raw("Stopping: " + inFlight.size() + " tenant(s) in flight finish, no new tenant starts; press Ctrl-C again"
                + " to abort at once");
    }

    /** The second signal: the JVM's own handling of it, as without this (its exit code 130 or 143). */
    private void abort(Signal signal) {
        close();
        Signal.raise(signal);
    }

    /** Gives the signals back to the JVM: called when the run returns, so the summary and other commands are as before. */
    @Override
    public synchronized void close() {
        closed = true;
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
