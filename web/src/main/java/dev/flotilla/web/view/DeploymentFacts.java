package dev.flotilla.web.view;

import dev.flotilla.control.AuditLog;
import dev.flotilla.control.BackupStore;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deployment's page says it ran, from what the control plane keeps of it: the request as audited (its versions,
 * its tenants, those a failed test left out), the options it recorded (as {@code deployments show} prints them), the
 * migrations its tenants applied, and the backups kept from before it.
 *
 * @param asked   the console's or the API's request for it, as the audit log has it (null for one the command line started)
 * @param askedBy who asked for it (null with {@code asked})
 * @param options the options it recorded: concurrency, per server, up to which version...
 * @param applied each version applied, in the order first applied, with how many tenants applied it
 * @param kept    the backups kept from before it
 */
public record DeploymentFacts(String asked, String askedBy, String options, Map<String, Integer> applied, BackupStore.Kept kept) {
    /** The versions applied, said as "version 2 on 5 tenant(s), version 3 on 4 tenant(s)"; "none" for none. */
    public String appliedWords() {
        return applied.isEmpty() ? "none" : String.join(", ", applied.entrySet().stream()
                .map(e -> "version " + e.getKey() + " on " + e.getValue() + " tenant(s)").toList());
    }

    public static DeploymentFacts of(ControlPlane plane, DeploymentRecord deployment, List<TaskRecord> tasks) {
        String kind = deployment.rollback() ? "rollback" : "deploy";
        AuditLog.Entry request = plane.audit().ofDeployment(deployment.id(), List.of(kind + ".requested")).stream()
                .findFirst().orElse(null);
        Map<String, Integer> applied = new LinkedHashMap<>();
        tasks.stream().sorted(Comparator.comparingInt(TaskRecord::seq))
                .forEach(t -> t.applied().forEach(version -> applied.merge(version, 1, Integer::sum)));
        return new DeploymentFacts(request == null ? null : request.details(), request == null ? null : request.actor(),
                deployment.options(), applied, plane.backups().keptFor(deployment.id()));
    }
}
