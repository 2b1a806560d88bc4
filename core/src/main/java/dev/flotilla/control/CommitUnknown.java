package dev.flotilla.control;

import dev.flotilla.FlotillaException;

/**
 * A control-plane transaction whose commit was under way when the process serving the embedded file went away: the
 * commit may or may not have been made, so the writes are not made again (a task's start counted twice, a row
 * inserted twice), and whoever queued them is told instead.
 */
final class CommitUnknown extends FlotillaException {
    CommitUnknown(FlotillaException failure, String doing) {
        super(failure.code(), failure.getMessage() + " The process serving the control plane ended while this (" + doing
                + ") was being committed, so whether it was recorded is unknown; it was not written again, lest it be"
                + " recorded twice. See what the control plane shows (deployments show, tenants list) and run the command"
                + " again; a deployment is taken up by deploy --resume.", failure);
    }
}
