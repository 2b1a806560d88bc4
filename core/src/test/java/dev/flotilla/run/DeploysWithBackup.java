package dev.flotilla.run;

import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

/**
 * A second process for tests: deploys the migrations in args[1] to one PostgreSQL tenant (schema args[0]_t000) with a
 * backup under args[2] and one retry, and prints the outcome, the task's attempts and its log.
 */
public final class DeploysWithBackup {
    private DeploysWithBackup() {
    }

    public static void main(String[] args) {
        Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, args[0] + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
        try (Fleet fleet = new Fleet(tenancy, Path.of(args[1]), 1)) {
            DeployResult result = fleet.runner(Fleet.options(1, false).withBackup(new BackupPolicy(Path.of(args[2]), 5)))
                    .deploy(fleet.targets());
            TaskRecord task = fleet.plane.deployments().tasks(result.deployment()).get(0);
            System.out.println("ok=" + result.ok() + " attempts=" + task.attempts() + " backups="
                    + fleet.plane.backups().all().size());
            System.out.println(task.log());
        }
    }
}
