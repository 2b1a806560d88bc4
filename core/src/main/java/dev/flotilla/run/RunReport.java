package dev.flotilla.run;

import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of a migrate, dry run or rollback on one target: every migration run, notices worth reading,
 * and the problems that stopped it (empty when it went through).
 *
 * @param advisedNotices the notices, the commands they name kept as values ({@link #notices()} their text)
 */
public record RunReport(String command, String target, String dialect, List<MigrationRun> migrations,
                        List<Advice> advisedNotices, List<Problem> problems, long wallMillis) {
    public RunReport {
        migrations = List.copyOf(migrations);
        advisedNotices = List.copyOf(advisedNotices);
        problems = List.copyOf(problems);
    }

    /** The same report, {@code scrub} applied to every text of it (statements, errors, notices, problems). */
    public RunReport masked(java.util.function.UnaryOperator<String> scrub) {
        return new RunReport(command, target, dialect, migrations.stream().map(m -> m.masked(scrub)).toList(),
                advisedNotices.stream().map(n -> n.masked(scrub)).toList(), problems.stream().map(p -> p.masked(scrub)).toList(),
                wallMillis);
    }

    /** The notices as they read for one target. */
    public List<String> notices() {
        return advisedNotices.stream().map(Advice::text).toList();
    }

    public boolean ok() {
        if (!problems.isEmpty()) {
            return false;
        }
        // Loops, not streams, here and below: a deployment asks several times for every tenant.
        for (MigrationRun migration : migrations) {
            if (migration.failed()) {
                return false;
            }
        }
        return true;
    }

    /** The migrations that ran to the end, in their order; unmodifiable. */
    public List<MigrationRun> applied() {
        List<MigrationRun> applied = new ArrayList<>(migrations.size());
        for (MigrationRun migration : migrations) {
            if (migration.outcome() == MigrationRun.Outcome.APPLIED) {
                applied.add(migration);
            }
        }
        return applied.size() == migrations.size() ? migrations : Collections.unmodifiableList(applied);
    }
}
