package dev.flotilla.run;

import dev.flotilla.plan.Problem;
import java.util.List;

/**
 * The result of a migrate, dry run or rollback on one target: every migration run, notices worth reading,
 * and the problems that stopped it (empty when it went through).
 */
public record RunReport(String command, String target, String dialect, List<MigrationRun> migrations,
                        List<String> notices, List<Problem> problems, long wallMillis) {
    public RunReport {
        migrations = List.copyOf(migrations);
        notices = List.copyOf(notices);
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty() && migrations.stream().noneMatch(MigrationRun::failed);
    }

    /** The migrations that ran to the end. */
    public List<MigrationRun> applied() {
        return migrations.stream().filter(m -> m.outcome() == MigrationRun.Outcome.APPLIED).toList();
    }
}
