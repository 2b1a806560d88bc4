package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resume or retry of a deployment runs as the deployment was started, on H2 tenants. */
class FleetResumeH2IT {
    @TempDir
    Path temp;
    Fleet fleet;
    final String url = "jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1";

    @BeforeEach
    void createFleet() {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__notes.sql", FleetRunnerContract.V1);
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, url, null, "s_{tenant}", "sa", null, null),
                files.path(), 3);
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void a_resume_runs_at_the_concurrency_the_deployment_was_started_with() throws Exception {
        String id = fleet.plane.deployments().create("test", "concurrency=1 perServer=1", fleet.targets().stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        fleet.orphan(id);
        FleetOptions eight = Fleet.options(8, false).withHooks(new Hooks(null, null, "sleep 0.3", null));

        DeployResult resumed = fleet.runner(eight).resume(id, fleet.targets(), false);

        assertThat(resumed.ok()).isTrue();
        List<TaskRecord> tasks = fleet.plane.deployments().tasks(id).stream()
                .sorted(Comparator.comparing(TaskRecord::startedAt)).toList();
        for (int i = 1; i < tasks.size(); i++) {
            assertThat(tasks.get(i).startedAt()).as("one tenant at a time, as recorded")
                    .isAfterOrEqualTo(tasks.get(i - 1).finishedAt());
        }
    }

    @Test
    void a_resume_of_a_deployment_started_with_no_maintenance_runs_no_tenant_hook() throws Exception {
        Path ran = temp.resolve("hooks.log");
        FleetOptions hooked = Fleet.options(1, false).withHooks(new Hooks(null, null, "echo $FLOTILLA_TENANT >> " + ran,
                null));
        String off = fleet.plane.deployments().create("test", "concurrency=1 perServer=1 maintenance=off",
                List.of(new DeploymentStore.NewTask(fleet.targets().get(0).tenant().id(), 1)));
        fleet.orphan(off);
        String on = fleet.plane.deployments().create("test", "concurrency=1 perServer=1",
                List.of(new DeploymentStore.NewTask(fleet.targets().get(1).tenant().id(), 1)));
        fleet.orphan(on);

        assertThat(fleet.runner(hooked).resume(off, fleet.targets(), false).ok()).isTrue();
        assertThat(fleet.runner(hooked).resume(on, fleet.targets(), false).ok()).isTrue();

        assertThat(java.nio.file.Files.readAllLines(ran)).as("only the deployment started with its hooks ran them")
                .containsExactly("t001");
        assertThat(fleet.plane.audit().newest(20).stream().filter(e -> e.action().equals("deploy.resumed"))
                .map(e -> e.deployment() + ": " + e.details())).containsExactlyInAnyOrder(off + ": 1 task(s) reopened;"
                + " maintenance=off", on + ": 1 task(s) reopened");
    }

    @Test
    void a_retry_of_failed_tenants_goes_on_after_a_failure_when_the_deployment_did_unless_told_otherwise() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
            for (String tenant : List.of("t000", "t001")) {
                Jdbc.execute(c, "CREATE SCHEMA \"s_" + tenant + "\"");
                Jdbc.execute(c, "CREATE TABLE \"s_" + tenant + "\".notes (legacy INT)");
            }
        }
        DeployResult first = fleet.runner(Fleet.options(1, true)).deploy(fleet.targets());
        assertThat(first.count(TaskStatus.FAILED)).isEqualTo(2);

        DeployResult retried = fleet.runner(Fleet.options(1, false)).resume(first.deployment(), fleet.targets(), true);
        DeployResult stopping = fleet.runner(Fleet.options(1, false)).resume(first.deployment(), fleet.targets(), true,
                Set.of(RecordedOptions.Override.CONTINUE_ON_ERROR));

        assertThat(retried.count(TaskStatus.FAILED)).as("both failed tenants tried again").isEqualTo(2);
        assertThat(retried.count(TaskStatus.SKIPPED)).isZero();
        assertThat(stopping.count(TaskStatus.FAILED)).isEqualTo(1);
        assertThat(stopping.count(TaskStatus.SKIPPED)).as("--continue-on-error off, given again").isEqualTo(1);
    }

    @Test
    void a_retry_that_fixes_the_failed_tenant_leaves_the_deployment_stopped_while_tenants_it_skipped_are_not_deployed()
            throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "CREATE SCHEMA \"s_t000\"");
            Jdbc.execute(c, "CREATE TABLE \"s_t000\".notes (legacy INT)");
        }
        DeployResult first = fleet.runner(Fleet.options(1, false)).deploy(fleet.targets());
        assertThat(first.count(TaskStatus.SKIPPED)).as("the failure holds the rest back").isEqualTo(2);
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "DROP TABLE \"s_t000\".notes");
        }
        TenantTarget broken = fleet.targets().get(0);
        dev.flotilla.Flotilla.load(fleet.template().forTarget(broken.target(), "t000")).repair(RepairRequest.REMOVE_FAILED);

        DeployResult retried = fleet.runner(Fleet.options(1, false)).resume(first.deployment(), fleet.targets(), true);

        assertThat(retried.count(TaskStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(retried.notStarted()).extracting(dev.flotilla.tenant.TenantId::value).containsExactly("t001", "t002");
        assertThat(retried.ok()).as("two tenants never deployed").isFalse();
        assertThat(fleet.plane.deployments().require(first.deployment()).status())
                .as("not succeeded: what a resume continues").isEqualTo(DeploymentStatus.STOPPED);

        DeployResult resumed = fleet.runner(Fleet.options(1, false)).resume(first.deployment(), fleet.targets(), false);

        assertThat(resumed.count(TaskStatus.SUCCEEDED)).isEqualTo(2);
        assertThat(resumed.ok()).isTrue();
        assertThat(fleet.plane.deployments().require(first.deployment()).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }
}
