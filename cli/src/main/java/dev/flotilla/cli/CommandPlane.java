package dev.flotilla.cli;

import dev.flotilla.control.ControlPlane;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A command's control plane, opened on first use as the command needs it: to write, or to read only (the embedded
 * file opened read-only where it can be), opened again to write when a command that read it finds it must. Close it
 * to close the plane.
 */
final class CommandPlane implements AutoCloseable {
    private final Supplier<ControlPlaneOpening> opening;
    private ControlPlane plane;
    /** Whether {@link #plane} was opened by {@link #toRead()}. */
    private boolean readOnly;

    CommandPlane(Supplier<ControlPlaneOpening> opening) {
        this.opening = opening;
    }

    /** See {@link FleetContext#plane()}. */
    ControlPlane toWrite() {
        if (plane != null && readOnly) {
            throw new IllegalStateException("The control plane was opened read-only by planeToRead(): a command that writes"
                    + " opens it with plane() before it reads");
        }
        if (plane == null) {
            plane = open(false);
        }
        return plane;
    }

    /** See {@link FleetContext#planeToRead()}. */
    ControlPlane toRead() {
        if (plane == null) {
            plane = open(true);
            readOnly = true;
        }
        return plane;
    }

    /** See {@link FleetContext#hasPlane()}. */
    boolean exists() {
        return opening.get().exists();
    }

    /** See {@link FleetContext#planeToWrite()}. */
    ControlPlane reopenedToWrite() {
        if (plane != null && readOnly) {
            plane.close();
            plane = null;
            readOnly = false;
        }
        return toWrite();
    }

    /** The control plane as the command opened it (perhaps to read only), else empty: nothing is opened by asking. */
    Optional<ControlPlane> opened() {
        return Optional.ofNullable(plane);
    }

    /** The control plane when it was opened to write to, else empty: nothing is opened by asking. */
    Optional<ControlPlane> openToWrite() {
        return plane != null && !readOnly ? Optional.of(plane) : Optional.empty();
    }

    private ControlPlane open(boolean toRead) {
        return opening.get().open(toRead);
    }

    @Override
    public void close() {
        if (plane != null) {
            plane.close();
        }
    }
}
