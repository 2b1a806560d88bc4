package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import java.util.List;

/**
 * What happened to one migration (or down script) on one target.
 *
 * @param failedStatement the 1-based statement that failed, or null
 * @param errorCode null unless the run failed
 * @param advice what failed and what to do next, its commands kept as values ({@link #error()} for the text); null
 *               unless the run failed
 */
public record MigrationRun(String version, String description, String script, MigrationKind kind, Outcome outcome,
                           boolean transactional, List<StatementRun> statements, long millis,
                           Integer failedStatement, ErrorCode errorCode, Advice advice) {
    public MigrationRun {
        statements = List.copyOf(statements);
    }

    /** The same run, {@code scrub} applied to its statements' text and its error. */
    MigrationRun masked(java.util.function.UnaryOperator<String> scrub) {
        return new MigrationRun(version, description, script, kind, outcome, transactional,
                statements.stream().map(s -> s.masked(scrub)).toList(), millis, failedStatement, errorCode,
                advice == null ? null : advice.masked(scrub));
    }

    /** How a migration's run ended. */
    public enum Outcome {
        /** Every statement ran (and, unless a dry run, the history records it). */
        APPLIED,
        /** Another runner applied it first; nothing was done here. */
        SKIPPED,
        /** A statement failed; see the error. */
        FAILED
    }

    /** What failed and what to do next, as it reads for one target (and is recorded in its history); null unless failed. */
    public String error() {
        return advice == null ? null : advice.text();
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
