package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one call on a target (a migrate, rollback or dry run): what ran, what was noticed, what stopped it; and
 * the running of its prepared scripts, stopping at the first failure. Used by one thread.
 */
final class TargetRun {
    final String command;
    final TargetSession session;
    final List<Advice> notices = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final List<MigrationRun> runs = new ArrayList<>();

    TargetRun(String command, TargetSession session) {
        this.command = command;
        this.session = session;
    }

    RunReport execute(MigrationExecutor executor, List<PreparedScript> scripts, long start) throws SQLException {
        return execute(executor, scripts, start, EachMigration.NONE);
    }

    /** As above, {@code each} told of every migration run as it ends. */
    RunReport execute(MigrationExecutor executor, List<PreparedScript> scripts, long start, EachMigration each)
            throws SQLException {
        executor.begin();
        try {
            for (PreparedScript script : scripts) {
                MigrationRun result = executor.run(script);
                runs.add(result);
                each.ran(result, script, session.dialect(), session.schema());
                if (result.failed()) {
                    problems.add(new Problem(result.errorCode(), result.advice(),
                            script.version() != null ? script.version() : script.script()));
                    break;
                }
            }
        } finally {
            executor.finish();
        }
        return report(start);
    }

    /** What ran and why it stopped, the target's secrets masked in every notice and problem, whoever wrote it. */
    RunReport report(long start) {
        java.util.function.UnaryOperator<String> scrub = session.spec()::scrub;
        return new RunReport(command, session.spec().displayName(), session.dialect().name(), runs,
                notices.stream().map(n -> n.masked(scrub)).toList(), problems.stream().map(p -> p.masked(scrub)).toList(),
                ApplyingExecutor.millisSince(start));
    }
}
