package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TaskEnd;
import dev.flotilla.control.TaskError;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleet deployments to 200 PostgreSQL schemas, one per tenant: the contract, canaries, limits, resumes and planning.
 * Their hooks are in {@link FleetHooksPostgresIT}, their tasks' retries and checks in {@link FleetTaskFailuresPostgresIT}.
 */
class FleetRunnerPostgresIT extends FleetRunnerContract {
    @Override
    Tenancy tenancy(String prefix) {
        return PostgresFleetFixture.schemaPerTenant(prefix);
    }

    @Override
    Tenancy sharedTenancy(String schema) {
        return PostgresFleetFixture.sharedSchema(schema);
    }

    @Override
    int fleetSize() {
        return 200;
    }

    @Override
    void createConflictingTable(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(target.target())) {
            Jdbc.execute(c, "CREATE SCHEMA \"" + target.target().schema() + "\"");
            Jdbc.execute(c, "CREATE TABLE \"" + target.target().schema() + "\".notes (legacy INT)");
        }
    }

    @Override
    void dropConflictingTable(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(target.target())) {
            Jdbc.execute(c, "DROP TABLE \"" + target.target().schema() + "\".notes");
        }
    }

    @Test
    void a_failed_canary_stops_the_deployment_before_the_rest() throws Exception {
        createConflictingTable(fleet.target("t007"));
        FleetOptions options = new FleetOptions(8, 8, List.of(TenantId.of("t007"), TenantId.of("t001")), 0, false, 0,
                null, Hooks.NONE, "test");

        DeployResult result = fleet.runner(options).deploy(fleet.targets());

        assertThat(result.count(TaskStatus.FAILED)).isEqualTo(1);
        assertThat(result.count(TaskStatus.SUCCEEDED)).as("the other canary").isEqualTo(1);
        assertThat(result.count(TaskStatus.SKIPPED)).isEqualTo(fleetSize() - 2);
        assertThat(applied(fleet.target("t001"))).containsExactly("1", "2");
        assertThat(applied(fleet.target("t000"))).isEmpty();
    }

    @Test
    void canary_percent_runs_that_share_first_in_its_own_wave() {
        FleetOptions options = new FleetOptions(8, 8, List.of(), 10, false, 0, null, Hooks.NONE, "test");

        DeployResult result = fleet.runner(options).deploy(fleet.targets());

        assertThat(result.ok()).as(errors(result)).isTrue();
        assertThat(fleet.plane.deployments().tasks(result.deployment()))
                .filteredOn(t -> t.wave() == 0).hasSize(20)
                .allSatisfy(canary -> assertThat(fleet.plane.deployments().tasks(result.deployment()))
                        .filteredOn(t -> t.wave() == 1)
                        .allSatisfy(rest -> assertThat(rest.startedAt()).isAfterOrEqualTo(canary.finishedAt())));
    }

    @Test
    void a_resumed_rollback_records_what_its_killed_attempt_undid_on_the_tenants_it_had_started() throws Exception {
        java.nio.file.Files.writeString(fleet.migrations.resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        java.nio.file.Files.writeString(fleet.migrations.resolve("U2__tags.sql"),
                "DROP INDEX idx_notes_tag;\nALTER TABLE notes DROP COLUMN tag;\n");
        List<TenantTarget> targets = fleet.targets(0, 3);
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(targets).ok()).isTrue();
        String text = RollbackRequest.versions(List.of(dev.flotilla.migration.MigrationVersion.parse("2"),
                dev.flotilla.migration.MigrationVersion.parse("1"))).text();
        String id = fleet.plane.deployments().create("rollback", null, "test", "rollback of selected tenants", targets
                .stream().map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1, text)).toList());
        // The killed run was in the middle of t000's task, whose down files all went through.
        fleet.plane.deployments().taskStarted(id, targets.get(0).tenant().id(), java.time.Instant.now());
        assertThat(new TargetRunner(fleet.template().forTarget(targets.get(0).target(), "t000"), fleet.loaded())
                .rollback(RollbackRequest.parse(text)).ok()).isTrue();
        fleet.orphan(id);

        DeployResult resumed = fleet.runner(Fleet.options(2, false)).resume(id, fleet.targets(), false);

        assertThat(resumed.ok()).as(errors(resumed)).isTrue();
        assertThat(fleet.plane.deployments().tasks(id)).filteredOn(t -> t.tenant().value().equals("t000")).singleElement()
                .satisfies(t -> {
                    assertThat(t.applied()).as("undone by the killed run, not 'nothing to undo'").containsExactly("2", "1");
                    assertThat(t.log()).contains("undone by the interrupted attempt (from the history table): 2, 1");
                });
        assertThat(fleet.plane.deployments().tasks(id)).filteredOn(t -> t.tenant().value().equals("t001")).singleElement()
                .satisfies(t -> assertThat(t.applied()).as("undone by this run").containsExactly("2", "1"));
        for (TenantTarget target : targets) {
            assertThat(fleet.planner().plan(List.of(target)).get(0).currentVersion()).isNull();
        }
    }

    @Test
    void resuming_an_interrupted_deployment_finishes_it_without_applying_anything_twice() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 20);
        String id = fleet.plane.deployments().create("test", "", targets.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        // The crashed run had finished t000 and was in the middle of t001, whose migrations went through.
        new TargetRunner(fleet.template().forTarget(targets.get(0).target(), "t000"), fleet.loaded()).migrate();
        fleet.plane.deployments().taskStarted(id, targets.get(0).tenant().id(), java.time.Instant.now());
        fleet.plane.deployments().taskFinished(id, targets.get(0).tenant().id(),
                TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1", "2"), TaskError.NONE, "", java.time.Instant.now()));
        fleet.plane.deployments().taskStarted(id, targets.get(1).tenant().id(), java.time.Instant.now());
        fleet.plane.tenants().markMigrating(targets.get(1).tenant().id(), id);
        new TargetRunner(fleet.template().forTarget(targets.get(1).target(), "t001"), fleet.loaded()).migrate();
        assertThatThrownBy(() -> fleet.runner(Fleet.options(4, false)).resume(id, fleet.targets(), false))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("still running");
        assertThat(fleet.plane.tenants().find(targets.get(1).tenant().id()).orElseThrow().status()).isEqualTo("migrating");
        fleet.orphan(id);
        assertThat(fleet.plane.deployments().require(id).status()).isEqualTo(DeploymentStatus.INTERRUPTED);
        assertThat(fleet.plane.tenants().find(targets.get(1).tenant().id()).orElseThrow().status())
                .as("no process is migrating it any more").isEqualTo("interrupted");

        DeployResult resumed = fleet.runner(Fleet.options(4, false)).resume(id, fleet.targets(), false);

        assertThat(resumed.ok()).as(errors(resumed)).isTrue();
        assertThat(resumed.tasks()).hasSize(19).noneMatch(t -> t.tenant().value().equals("t000"));
        assertThat(fleet.plane.deployments().tasks(id)).filteredOn(t -> t.tenant().value().equals("t001")).singleElement()
                .satisfies(t -> {
                    assertThat(t.applied()).as("applied by the killed run, for a rollback to undo").containsExactly("1", "2");
                    assertThat(t.log()).contains("applied by the interrupted attempt (from the history table): 1, 2");
                });
        assertThat(fleet.plane.deployments().tasks(id)).filteredOn(t -> t.tenant().value().equals("t002")).singleElement()
                .satisfies(t -> assertThat(t.applied()).as("applied by this run only").containsExactly("1", "2"));
        for (TenantTarget target : targets) {
            assertThat(applied(target)).containsExactly("1", "2");
        }
        assertThat(fleet.plane.deployments().require(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(fleet.plane.deployments().tasks(id)).allMatch(t -> t.status() == TaskStatus.SUCCEEDED);
    }

    @Test
    void a_killed_task_does_not_claim_what_another_deployment_applied_while_it_waited_or_after_it_died() throws Exception {
        String killed = killedWhileAnotherDeploymentApplied(fleet.targets(0, 2));

        List<TaskRecord> read = new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template())
                .tasks(fleet.plane.deployments().require(killed));

        assertThat(read).hasSize(2).allSatisfy(t -> {
            assertThat(t.applied()).as("applied by the other deployment, which a rollback of this one must not undo")
                    .isEmpty();
            assertThat(t.error()).doesNotContain("1, 2");
        });
    }

    @Test
    void a_resumed_task_does_not_claim_what_another_deployment_applied_while_it_waited_or_after_it_died() throws Exception {
        String killed = killedWhileAnotherDeploymentApplied(fleet.targets(0, 2));

        DeployResult resumed = fleet.runner(Fleet.options(2, false)).resume(killed, fleet.targets(0, 2), false);

        assertThat(resumed.ok()).as(errors(resumed)).isTrue();
        assertThat(fleet.plane.deployments().tasks(killed)).hasSize(2).allSatisfy(t -> assertThat(t.applied())
                .as("applied by the other deployment, which a rollback of this one must not undo").isEmpty());
    }

    /**
     * A deployment of {@code targets} whose process died once it had started both tasks (before their targets' locks):
     * t000's waiting for the lock another deployment held while that one applied 1 and 2, t001's before it connected,
     * that other deployment applying 1 and 2 there after.
     */
    private String killedWhileAnotherDeploymentApplied(List<TenantTarget> targets) throws Exception {
        String killed = fleet.plane.deployments().create("test", "", targets.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        for (TenantTarget target : targets) {
            fleet.plane.deployments().taskStarted(killed, target.tenant().id(), java.time.Instant.now());
        }
        fleet.orphan(killed);
        String other = fleet.plane.deployments().create("test", "", targets.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        for (TenantTarget target : targets) {
            String tenant = target.tenant().id().value();
            fleet.plane.deployments().taskStarted(other, target.tenant().id(), java.time.Instant.now());
            assertThat(new TargetRunner(fleet.template().forTarget(target.target(), tenant), fleet.loaded()).migrate().ok()).isTrue();
            fleet.plane.deployments().taskFinished(other, target.tenant().id(),
                    TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1", "2"), TaskError.NONE, "", java.time.Instant.now()));
        }
        return killed;
    }

    @Test
    void the_planner_tells_up_to_date_pending_and_unreachable_tenants_apart() throws Exception {
        new TargetRunner(fleet.template().forTarget(fleet.target("t000").target(), "t000"), fleet.loaded()).migrate();
        createConflictingTable(fleet.target("t001"));
        new TargetRunner(fleet.template().forTarget(fleet.target("t001").target(), "t001"), fleet.loaded()).migrate();
        TenantTarget gone = TenantTarget.of(new dev.flotilla.tenant.Tenant(TenantId.of("gone"), null,
                "jdbc:postgresql://127.0.0.1:1/none", null, List.of()), fleet.tenancy);

        var plans = fleet.planner().plan(List.of(fleet.target("t000"), fleet.target("t001"), fleet.target("t002"), gone));

        assertThat(plans).extracting(p -> p.state().word())
                .containsExactly("up-to-date", "pending", "pending", "unreachable");
        assertThat(plans.get(2).pending()).containsExactly("1", "2");
        assertThat(plans.get(3).error()).contains("127.0.0.1:1");
        assertThat(plans.get(3).error()).doesNotContain(ErrorCode.INTERNAL.name());
    }

    @Test
    void the_plans_of_schemas_read_together_equal_the_plans_read_one_by_one() throws Exception {
        List<TenantTarget> tenants = fleet.targets(0, 30);
        for (TenantTarget tenant : tenants.subList(0, 20)) {
            new TargetRunner(fleet.template().forTarget(tenant.target(), tenant.tenant().id().value()), fleet.loaded()).migrate();
        }
        for (TenantTarget tenant : tenants.subList(10, 15)) {
            history(tenant, "DELETE FROM %s WHERE version = '2'");
        }
        history(tenants.get(16), "UPDATE %s SET checksum = 'edited' WHERE version = '1'");
        createConflictingTable(tenants.get(25));

        List<TenantPlan> together = fleet.planner().plan(tenants);

        List<TenantPlan> alone = tenants.stream().map(t -> TenantPlan.of(t.tenant().id(),
                new TargetRunner(fleet.template().forTarget(t.target(), t.tenant().id().value()), fleet.loaded()).plan(),
                t.target().displayName(), fleet.template().policy())).toList();
        // Read together, a schema with tables but no history table also gets the plan's notice (one grouped query), and
        // so does a schema not created yet (the ten never deployed but t025, whose conflicting table created its schema).
        assertThat(together).usingRecursiveFieldByFieldElementComparatorIgnoringFields("notice").isEqualTo(alone);
        assertThat(together).filteredOn(p -> p.notice() != null && p.notice().text().contains("but no history table"))
                .extracting(TenantPlan::tenant).containsExactly(tenants.get(25).tenant().id());
        assertThat(together).filteredOn(p -> p.notice() != null && p.notice().text().contains("does not exist yet"))
                .extracting(TenantPlan::tenant).containsExactlyElementsOf(tenants.subList(20, 30).stream()
                        .map(t -> t.tenant().id()).filter(id -> !id.equals(tenants.get(25).tenant().id())).toList());
        assertThat(together).extracting(p -> p.state().word()).containsOnly("up-to-date", "pending", "blocked");
        assertThat(together.get(16).state()).isEqualTo(TenantPlan.State.BLOCKED);
        assertThat(together.get(12).pending()).containsExactly("2");
    }

    @Test
    void a_schema_whose_history_cannot_be_read_with_the_others_is_planned_on_its_own() throws Exception {
        List<TenantTarget> tenants = fleet.targets(0, 6);
        for (TenantTarget tenant : tenants) {
            new TargetRunner(fleet.template().forTarget(tenant.target(), tenant.tenant().id().value()), fleet.loaded()).migrate();
        }
        history(tenants.get(3), "ALTER TABLE %s DROP COLUMN error_message");

        List<TenantPlan> plans = fleet.planner().plan(tenants);

        assertThat(plans).extracting(p -> p.state().word())
                .containsExactly("up-to-date", "up-to-date", "up-to-date", "blocked", "up-to-date", "up-to-date");
        assertThat(plans.get(3).problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(dev.flotilla.ErrorCode.FOREIGN_HISTORY);
            assertThat(p.message()).contains("error_message");
        });
    }

    private static void history(TenantTarget tenant, String sqlWithTable) throws SQLException {
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, sqlWithTable.formatted("\"" + tenant.target().schema() + "\".tenant_migrations"));
        }
    }

    @Test
    void per_server_limit_keeps_tenants_on_one_server_from_overlapping() {
        FleetOptions options = new FleetOptions(8, 1, List.of(), 0, false, 0, null, Hooks.NONE, "test");

        DeployResult result = fleet.runner(options).deploy(fleet.targets(0, 12));

        assertThat(result.ok()).as(errors(result)).isTrue();
        var tasks = fleet.plane.deployments().tasks(result.deployment()).stream()
                .sorted(java.util.Comparator.comparing(dev.flotilla.control.TaskRecord::startedAt)).toList();
        for (int i = 1; i < tasks.size(); i++) {
            assertThat(tasks.get(i).startedAt()).isAfterOrEqualTo(tasks.get(i - 1).finishedAt());
        }
    }

    @Test
    void a_tasks_recorded_times_are_when_it_ran_not_when_its_records_were_written() {
        FleetOptions options = new FleetOptions(2, 2, List.of(), 0, false, 0, null, Hooks.NONE, "test");

        DeployResult result = fleet.runner(options).deploy(fleet.targets(0, 4));

        assertThat(result.ok()).as(errors(result)).isTrue();
        java.util.Map<TenantId, Long> ran = new java.util.HashMap<>();
        result.tasks().forEach(t -> ran.put(t.tenant(), t.millis()));
        assertThat(fleet.plane.deployments().tasks(result.deployment())).hasSize(4).allSatisfy(t ->
                assertThat(java.time.Duration.between(t.startedAt(), t.finishedAt()).toMillis()).as(t.tenant().value())
                        .isGreaterThanOrEqualTo(ran.get(t.tenant()) - 2));
    }

    @Test
    void in_shared_schema_mode_the_migration_runs_once_for_all_tenants() throws Exception {
        Tenancy tenancy = sharedTenancy(prefix + "_shared");
        List<TenantTarget> tenants = fleet.tenants.subList(0, 5).stream().map(t -> TenantTarget.of(t, tenancy)).toList();
        try {
            DeployResult result = fleet.runner(Fleet.options(4, false)).deploy(tenants);

            assertThat(result.ok()).as(errors(result)).isTrue();
            assertThat(result.tasks()).hasSize(5).allSatisfy(t -> assertThat(t.applied()).containsExactly("1", "2"));
            assertThat(applied(tenants.get(0))).as("one history for the shared schema").containsExactly("1", "2");
            assertThat(fleet.planner().plan(tenants)).allSatisfy(p -> assertThat(p.state()).isEqualTo(TenantPlan.State.UP_TO_DATE));
        } finally {
            TestDatabases.drop(tenants.get(0).target());
        }
    }
}
