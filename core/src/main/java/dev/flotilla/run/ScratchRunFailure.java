package dev.flotilla.run;

import java.util.Objects;

/**
 * What a run on a scratch copy (a drift reference, an accepted structure, a baseline) said of its failure, without what
 * it said to do next: that was about the copy, dropped by now ("recorded as failed ... until `flotilla repair` clears
 * the record"), and read with the tenant's name around it, it would send an administrator to repair a tenant that has no
 * failure. A failed statement's own sentence (the script, the statement, the database's error); any other problem whole.
 */
final class ScratchRunFailure {
    private ScratchRunFailure() {
    }

    static String said(RunReport report) {
        return report.migrations().stream().filter(MigrationRun::failed).map(MigrationRun::advice).filter(Objects::nonNull)
                .map(advice -> advice.parts().isEmpty() ? null : advice.parts().get(0))
                .filter(String.class::isInstance).map(part -> ((String) part).strip()).findFirst()
                .orElse(report.problems().get(0).message());
    }
}
