package dev.flotilla.run;

import dev.flotilla.control.StopRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stop asked for of the running deployment, as its heartbeat reads it from the control plane: once set, no new tenant
 * starts (those in flight finish), and the tenants left are counted so the deployment ends stopped.
 */
final class StopSignal {
    private final AtomicReference<StopRequest> request = new AtomicReference<>();
    private final AtomicInteger notStarted = new AtomicInteger();
    private final FleetListener listener;
    private final java.util.function.Consumer<StopRequest> audit;

    /** @param audit records in the audit log that the stop took effect */
    StopSignal(FleetListener listener, java.util.function.Consumer<StopRequest> audit) {
        this.listener = listener;
        this.audit = audit;
    }

    /**
     * The heartbeat saw the request: set first, so no tenant starts from now on, then audited as in force, then told
     * (whoever hears it finds the audit entry).
     */
    void requested(StopRequest stop) {
        if (request.compareAndSet(null, stop)) {
            audit.accept(stop);
            listener.stopRequested(stop);
        }
    }

    boolean set() {
        return request.get() != null;
    }

    /** Why tasks not started are skipped. */
    String reason() {
        return "skipped: stop requested by " + request.get().by();
    }

    void leftOut(int tasks) {
        notStarted.addAndGet(tasks);
    }

    /** The stop, if it left any tenant not started; null when none was asked for, or it came after every tenant started. */
    StopRequest tookEffect() {
        return notStarted.get() > 0 ? request.get() : null;
    }
}
