package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why {@code deploy --resume} of a deployment would run nothing: a canary of it failed and holds the rest back, which a
 * resume does not change (it leaves failed tenants failed). Refused before anything is reopened or audited, naming
 * what works: fix the canary, {@code --retry-failed}, then {@code --resume}; or {@code --resume --continue-on-error},
 * which lets the rest run past the failed canary.
 */
public final class ResumeRefusal {
    private ResumeRefusal() {
    }

    /** The deployment's failed canaries, in the order of its tasks; empty when none failed (or it is a rollback). */
    public static List<TenantId> failedCanaries(DeploymentRecord record, List<TaskRecord> tasks) {
        return record.rollback() ? List.of() : tasks.stream()
                .filter(t -> t.wave() == 0 && t.status() == TaskStatus.FAILED).map(TaskRecord::tenant).toList();
    }

    /**
     * Refuses a resume ({@code failedOnly} false: not a retry) of a deployment whose canary failed, unless given
     * {@code continueOnError} again (BAD_USAGE, exit 2).
     */
    public static void require(DeploymentRecord record, List<TaskRecord> tasks, boolean failedOnly, boolean continueOnError) {
        List<TenantId> failed = failedCanaries(record, tasks);
        if (failedOnly || continueOnError || failed.isEmpty()) {
            return;
        }
        long skipped = tasks.stream().filter(t -> t.status() != TaskStatus.SUCCEEDED && t.status() != TaskStatus.FAILED).count();
        String id = record.id();
        throw new FlotillaException(ErrorCode.BAD_USAGE, "Deployment " + id + ": " + canaries(failed)
                + " failed, which holds its other " + skipped + " tenant(s) back, and a resume leaves failed tenants"
                + " failed: it would run nothing. Fix " + (failed.size() == 1 ? "it" : "them") + ", then `flotilla deploy"
                + " --retry-failed " + id + "` (the canaries only) and `flotilla deploy --resume " + id + "` (the rest);"
                + " or, to run the rest anyway, `flotilla deploy --resume " + id + " --continue-on-error`. Nothing was run"
                + " or recorded.");
    }

    /** "canary t01", "canaries t01, t02". */
    public static String canaries(List<TenantId> failed) {
        return (failed.size() == 1 ? "canary " : "canaries ") + failed.stream().map(TenantId::value)
                .collect(Collectors.joining(", "));
    }
}
