package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Advice;
import java.util.ArrayList;
import java.util.List;

/** Why a task failed. @param check the id of the (first) check that failed, for {@code CHECK_FAILED}; null otherwise */
record TaskFailure(ErrorCode code, Advice advice, String migration, String check) {
    TaskFailure(ErrorCode code, Advice advice, String migration) {
        this(code, advice, migration, null);
    }

    TaskFailure(ErrorCode code, String message, String migration) {
        this(code, Advice.plain(message), migration, null);
    }

    TaskFailure(ErrorCode code, String message) {
        this(code, Advice.plain(message), null);
    }

    /** Why a run that did not succeed failed: its first problem, followed by its notices. */
    static TaskFailure of(RunReport report) {
        // A notice (tables but no history table) is often why it failed ("already exists"): it goes with the error.
        Advice noticed = noticed(report);
        return report.problems().isEmpty() ? new TaskFailure(ErrorCode.INTERNAL, Advice.of("failed", noticed), null)
                : new TaskFailure(report.problems().get(0).code(), report.problems().get(0).advice().followedBy(noticed),
                        report.problems().get(0).migration());
    }

    /**
     * The report's notices as they follow its error ({@code  Notice: ...}), their commands kept as values. Once a
     * migration of the run was applied, the target has its history table: what it said of tables without one (baseline
     * or adopt first, both refused now) no longer holds, and is left out.
     */
    private static Advice noticed(RunReport report) {
        boolean historyWritten = !report.applied().isEmpty();
        List<Object> parts = new ArrayList<>();
        for (Advice notice : report.advisedNotices()) {
            if (historyWritten && TablesWithoutHistory.said(notice)) {
                continue;
            }
            parts.add(parts.isEmpty() ? " Notice: " : " ");
            parts.add(notice);
        }
        return Advice.of(parts.toArray());
    }

    String message() {
        return advice.text();
    }

    /** This failure with the commands about {@link dev.flotilla.plan.Remedy#THIS_DEPLOYMENT} naming {@code deployment}. */
    TaskFailure inDeployment(String deployment) {
        return new TaskFailure(code, advice.inDeployment(deployment), migration, check);
    }
}
