package dev.flotilla.run;

import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run learns as it goes (runs share the task): its attempts; for a rollback, the version after it and what
 * is pending then, as {@code plan} counts it (the versions undone, and the repeatables marked to run again); for a
 * failed deploy, what is pending after it likewise (the failed version, those after it, the repeatables), null when
 * it could not be read; what every attempt applied (or, in a rollback, undid), oldest first: a retry goes on where
 * the attempt before it stopped, so the task's migrations are all of theirs, not the last attempt's alone.
 */
final class RunProgress {
    /** What the task's earlier, finished runs recorded as applied (or undone): not this run's. */
    final List<String> recorded;
    int attempts;
    final List<String> applied = new ArrayList<>();
    /** The versions among {@link #applied} this run's attempts applied (not a killed run's). */
    final List<String> versions = new ArrayList<>();
    String versionAfterRollback;
    int pendingAfterRollback;
    Integer pendingAfterFailure;

    RunProgress(List<String> recorded) {
        this.recorded = List.copyOf(recorded);
    }

    /** What the task's runs are known to have applied (or undone): the earlier runs' record, then this run's. */
    List<String> known() {
        List<String> known = new ArrayList<>(recorded);
        known.addAll(applied);
        return known;
    }

    void add(RunReport attempt) {
        for (MigrationRun run : attempt.applied()) {
            add(run.version(), run.script());
        }
    }

    /** Adds what the history says an attempt that threw applied, but what an attempt before it reported. */
    void addReadBack(List<AppliedMigration> read) {
        read.forEach(m -> {
            if (!applied.contains(m.version() != null ? m.version() : m.script())) {
                add(m.version(), m.script());
            }
        });
    }

    private void add(String version, String script) {
        applied.add(version != null ? version : script);
        if (version != null) {
            versions.add(version);
        }
    }
}
