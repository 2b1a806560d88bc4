package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.TenantMergeGuard;
import java.util.List;

/**
 * The rollback guard's answer compared across the rollback's question: read before it (what the user saw and confirmed)
 * and again once it is answered, right before the rollback runs, since a schema may change while the question waits.
 * The same answer, or one saying less, lets the rollback run; a refusal, or a notice not said before, stops it.
 */
final class GuardRecheck {
    private GuardRecheck() {
    }

    /** Throws what {@code now} refuses, or ROLLBACK_REFUSED naming what it says that {@code asked} did not. */
    static void refuseChanged(TenantMergeGuard.Findings asked, TenantMergeGuard.Findings now) {
        now.refuseAny();
        List<String> unseen = now.notices().stream().filter(n -> !asked.notices().contains(n)).toList();
        if (!unseen.isEmpty()) {
            throw new FlotillaException(ErrorCode.ROLLBACK_REFUSED, "The rollback guard's answer changed while the question"
                    + " waited (a schema changed since it was read): " + String.join(" ", unseen) + " Nothing was rolled"
                    + " back: run the command again to see what it says now, and confirm.");
        }
    }
}
