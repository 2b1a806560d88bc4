package dev.flotilla.control;

import dev.flotilla.FlotillaException;

/**
 * A control-plane transaction whose commit was under way when the process serving the embedded file went away, or
 * when a server stopped answering (see {@link NoAnswer}): the commit may or may not have been made, so the writes are
 * not made again (a task's start counted twice, a row inserted twice), and whoever queued them is told instead.
 */
final class CommitUnknown extends FlotillaException {
    CommitUnknown(FlotillaException failure, String doing) {
        this(failure, doing, "The process serving the control plane ended");
    }

    /** @param what what cut the commit off: "The process serving the control plane ended" */
    CommitUnknown(FlotillaException failure, String doing, String what) {
        super(failure.code(), failure.getMessage() + " " + what + " while this (" + doing
                + ") was being committed, so whether it was recorded is unknown; it was not written again, lest it be"
                + " recorded twice. See what the control plane shows (deployments show, tenants list) and run the command"
                + " again; a deployment is taken up by deploy --resume.", failure);
    }
}
