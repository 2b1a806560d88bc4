package dev.flotilla.run;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * How one tenant's task ended in a deployment.
 *
 * @param applied versions (or scripts, for repeatables) applied by this task
 * @param error null unless failed
 */
public record TaskResult(TenantId tenant, TaskStatus status, List<String> applied, long millis, int attempts, String error) {
    public TaskResult {
        applied = List.copyOf(applied);
    }
}
