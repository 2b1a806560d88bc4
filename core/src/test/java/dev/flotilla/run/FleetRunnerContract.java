package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every fleet deployment must do, whatever the dialect and tenancy model. */
abstract class FleetRunnerContract extends FleetFixture {
    /** One shared schema (a database on MariaDB) for every tenant, their rows told apart by {@code tenant_id}. */
    abstract Tenancy sharedTenancy(String schema);

    /** Makes V1 fail on this tenant: a table named like the one V1 creates already exists. */
    abstract void createConflictingTable(TenantTarget target) throws SQLException;

    /**
     * A migration that moves one tenant's row to another and deletes one of a third's fails those two alone, each
     * with its own rows counted; rows lost in a table without the tenant column (shared) fail every tenant, said once.
     */
    @Test
    void in_a_shared_schema_row_counts_compare_each_tenants_own_rows() throws Exception {
        Tenancy tenancy = sharedTenancy(prefix + "_shared");
        List<TenantTarget> tenants = fleet.tenants.subList(0, 3).stream().map(t -> TenantTarget.of(t, tenancy)).toList();
        MigrationFolder files = new MigrationFolder(temp.resolve("shared"));
        files.write("V1__logs.sql", """
                CREATE TABLE message_logs (id INT PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL, body VARCHAR(100));
                CREATE INDEX idx_message_logs_tenant ON message_logs (tenant_id);
                CREATE TABLE countries (code VARCHAR(2) PRIMARY KEY);
                INSERT INTO message_logs VALUES (1, 't000', 'a'), (2, 't000', 'b'), (3, 't001', 'hello'), (4, 't002', 'c'),
                    (5, 't002', 'd');
                INSERT INTO countries VALUES ('fr'), ('de');
                """);
        FleetOptions options = Fleet.options(2, true).withVerify(dev.flotilla.verify.VerifyOptions.DEFAULTS.sharedBy("tenant_id"));
        try {
            assertThat(fleet.runner(options, files.path()).deploy(tenants).ok()).isTrue();
            files.write("V2__move.sql", "UPDATE message_logs SET tenant_id = 't000' WHERE body LIKE 'h%';\n"
                    + "DELETE FROM message_logs WHERE id = 5;\n");

            DeployResult moved = fleet.runner(options, files.path()).deploy(tenants);

            assertThat(moved.tasks()).extracting(t -> t.tenant().value(), TaskResult::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("t000", TaskStatus.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple("t001", TaskStatus.FAILED),
                    org.assertj.core.groups.Tuple.tuple("t002", TaskStatus.FAILED));
            assertThat(moved.tasks().get(1).error()).contains("message_logs: 1 row(s) of t001 before, 0 after (1 lost)")
                    .doesNotContain("t002");
            assertThat(moved.tasks().get(2).error()).contains("message_logs: 2 row(s) of t002 before, 1 after (1 lost)");
            assertThat(fleet.plane.tenants().find(TenantId.of("t000")).orElseThrow().status()).isEqualTo("up-to-date");
            assertThat(fleet.plane.tenants().find(TenantId.of("t001")).orElseThrow().status()).isEqualTo("failed-verification");
            assertThat(fleet.plane.verifications().latest(TenantId.of("t000")).orElseThrow().results())
                    .filteredOn(r -> r.id().equals("row-counts")).extracting(dev.flotilla.verify.CheckResult::message)
                    .containsExactly("no rows lost in the tables without tenant_id, shared by all tenants: 1 table(s) held 2"
                            + " row(s) before the migrations, none fewer after", "no rows of t000 lost: 1 table(s) with tenant_id"
                            + " held 2 of its row(s) before the migrations, none fewer after");
            files.write("V3__countries.sql", "DELETE FROM countries WHERE code = 'de';\n");
            DeployResult shared = fleet.runner(options, files.path()).deploy(tenants);
            assertThat(shared.tasks()).allSatisfy(t -> assertThat(t.error()).contains("countries: 2 row(s) before, 1 after (1 lost)"));
            String log = fleet.plane.deployments().tasks(shared.deployment()).get(0).log();
            assertThat(log.split("countries: 2 row", -1)).as("the shared tables' loss is said once: " + log).hasSize(2);
        } finally {
            TestDatabases.drop(tenants.get(0).target());
        }
    }

    @Test
    void a_deploy_takes_every_migration_to_every_tenant_and_a_rerun_finds_nothing_to_do() throws Exception {
        DeployResult result = fleet.runner(Fleet.options(8, false)).deploy(fleet.targets());

        assertThat(result.ok()).as(errors(result)).isTrue();
        assertThat(result.count(TaskStatus.SUCCEEDED)).isEqualTo(fleetSize());
        for (TenantTarget target : fleet.targets()) {
            assertThat(applied(target)).as(target.tenant().id().value()).containsExactly("1", "2");
        }
        assertThat(fleet.plane.tenants().all()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo("up-to-date");
            assertThat(t.currentVersion()).isEqualTo("2");
            assertThat(t.lastDeployment()).isEqualTo(result.deployment());
        });
        assertThat(fleet.plane.deployments().require(result.deployment()).status()).isEqualTo(DeploymentStatus.SUCCEEDED);

        List<TenantPlan> plans = fleet.planner().plan(fleet.targets());
        assertThat(plans).hasSize(fleetSize()).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo(TenantPlan.State.UP_TO_DATE);
            assertThat(p.currentVersion()).isEqualTo("2");
        });
    }

    @Test
    void after_a_failure_no_new_tenant_starts_and_in_flight_ones_finish() throws Exception {
        TenantTarget broken = fleet.targets().get(fleetSize() / 4);
        createConflictingTable(broken);

        DeployResult result = fleet.runner(Fleet.options(4, false)).deploy(fleet.targets());

        assertThat(result.ok()).isFalse();
        assertThat(result.count(TaskStatus.FAILED)).isEqualTo(1);
        assertThat(result.count(TaskStatus.SKIPPED)).isGreaterThan(fleetSize() / 2);
        assertThat(result.tasks()).hasSize(fleetSize());
        TaskResult failed = result.tasks().stream().filter(t -> t.status() == TaskStatus.FAILED).findFirst().orElseThrow();
        assertThat(failed.tenant()).isEqualTo(broken.tenant().id());
        assertThat(failed.error()).contains("V1__notes.sql", "notes");
        for (TaskResult task : result.tasks()) {
            TenantTarget target = fleet.target(task.tenant().value());
            switch (task.status()) {
                case SUCCEEDED -> assertThat(applied(target)).containsExactly("1", "2");
                case SKIPPED -> assertThat(applied(target)).as("skipped tenants are untouched").isEmpty();
                default -> { }
            }
        }
        TenantRecord record = fleet.plane.tenants().find(broken.tenant().id()).orElseThrow();
        assertThat(record.status()).isEqualTo("failed");
        assertThat(record.lastError()).contains("notes");
        assertThat(fleet.plane.deployments().require(result.deployment()).status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void continue_on_error_migrates_every_other_tenant() throws Exception {
        TenantTarget broken = fleet.targets().get(1);
        createConflictingTable(broken);

        DeployResult result = fleet.runner(Fleet.options(4, true)).deploy(fleet.targets());

        assertThat(result.count(TaskStatus.FAILED)).isEqualTo(1);
        assertThat(result.count(TaskStatus.SUCCEEDED)).isEqualTo(fleetSize() - 1);
        assertThat(result.count(TaskStatus.SKIPPED)).isZero();
        List<TaskRecord> tasks = fleet.plane.deployments().tasks(result.deployment());
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.FAILED).singleElement().satisfies(t -> {
            assertThat(t.tenant()).isEqualTo(broken.tenant().id());
            assertThat(t.log()).contains("V1__notes.sql: failed");
            assertThat(t.finishedAt()).isNotNull();
        });
    }

    @Test
    void retry_failed_reruns_only_the_failed_tenant_once_it_is_fixed() throws Exception {
        TenantTarget broken = fleet.targets().get(2);
        createConflictingTable(broken);
        DeployResult first = fleet.runner(Fleet.options(4, true)).deploy(fleet.targets());
        assertThat(first.count(TaskStatus.FAILED)).isEqualTo(1);
        dropConflictingTable(broken);

        DeployResult retry = fleet.runner(Fleet.options(4, true)).resume(first.deployment(), fleet.targets(), true);

        assertThat(retry.tasks()).singleElement().satisfies(t -> {
            assertThat(t.tenant()).isEqualTo(broken.tenant().id());
            assertThat(t.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(t.applied()).containsExactly("1", "2");
        });
        assertThat(fleet.plane.deployments().require(first.deployment()).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void a_retry_takes_the_failed_tenant_no_further_than_the_deployment_was_started_with() throws Exception {
        TenantTarget broken = fleet.targets().get(2);
        createConflictingTable(broken);
        LoadedMigrations all = fleet.loaded();
        LoadedMigrations upToV1 = new LoadedMigrations(all.migrations().stream()
                .filter(m -> m.version() != null && m.version().toString().equals("1")).toList(), all.warnings());
        DeployResult first = new FleetRunner(fleet.plane, fleet.template(), upToV1, Fleet.options(4, true), FleetListener.SILENT)
                .deploy(fleet.targets().subList(0, 4));
        assertThat(first.count(TaskStatus.FAILED)).isEqualTo(1);
        dropConflictingTable(broken);

        // As the console retries: with every file on disk, V2 among them.
        DeployResult retry = fleet.runner(Fleet.options(4, true)).resume(first.deployment(), fleet.targets(), true);

        assertThat(retry.tasks()).singleElement().satisfies(t -> assertThat(t.applied()).containsExactly("1"));
        assertThat(applied(broken)).containsExactly("1");
    }

    @Test
    void a_failed_canary_still_holds_the_rest_back_on_resume_and_a_failure_left_as_it_was_is_reported() throws Exception {
        TenantTarget canary = fleet.targets().get(0);
        createConflictingTable(canary);
        FleetOptions withCanary = new FleetOptions(2, 2, List.of(canary.tenant().id()), 0, false, 1, java.time.Duration.ofMillis(50),
                Hooks.NONE, "test");
        DeployResult first = fleet.runner(withCanary).deploy(fleet.targets().subList(0, 4));
        assertThat(first.count(TaskStatus.SKIPPED)).isEqualTo(3);

        // A resume would run nothing while the canary's failure stands: refused up front, naming what works.
        assertThatThrownBy(() -> fleet.runner(withCanary).resume(first.deployment(), fleet.targets(), false))
                .isInstanceOfSatisfying(dev.flotilla.FlotillaException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.flotilla.ErrorCode.BAD_USAGE))
                .hasMessageContainingAll("canary " + canary.tenant().id().value() + " failed", "--retry-failed",
                        "--continue-on-error", "Nothing was run or recorded");

        assertThat(applied(fleet.targets().get(1))).isEmpty();
        assertThat(fleet.plane.deployments().require(first.deployment()).status()).isEqualTo(DeploymentStatus.FAILED);

        FleetOptions noCanary = Fleet.options(1, false);
        DeployResult second = fleet.runner(noCanary).deploy(fleet.targets().subList(0, 3));
        DeployResult resumedSecond = fleet.runner(noCanary).resume(second.deployment(), fleet.targets(), false);
        assertThat(resumedSecond.ok()).as("a tenant still failed").isFalse();
        assertThat(fleet.plane.deployments().require(second.deployment()).status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void a_tenant_deployed_before_whose_schema_is_gone_is_refused_not_created_again_from_scratch() throws Exception {
        List<TenantTarget> three = fleet.targets().subList(0, 3);
        assertThat(fleet.runner(Fleet.options(2, true)).deploy(three).ok()).isTrue();
        TenantTarget gone = three.get(1);
        dropTarget(gone);

        DeployResult again = fleet.runner(Fleet.options(2, true)).deploy(three);

        assertThat(again.tasks()).filteredOn(t -> t.status() == TaskStatus.FAILED).singleElement().satisfies(t -> {
            assertThat(t.tenant()).isEqualTo(gone.tenant().id());
            // Checked for under the lock, a schema as a database per tenant.
            assertThat(t.code()).isEqualTo(dev.flotilla.ErrorCode.TARGET_MISSING);
            assertThat(t.error()).contains("does not exist", "Nothing was created", "tenants remove",
                    "flotilla restore --deployment <id> --tenants " + gone.tenant().id() + " --yes`");
        });
        assertThat(targetExists(gone)).as("nothing created").isFalse();
    }

    /** Drops the tenant's schema, or its database. */
    void dropTarget(TenantTarget target) throws SQLException {
        TestDatabases.drop(target.target());
    }

    boolean targetExists(TenantTarget target) throws SQLException {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            return session.schemaExists();
        }
    }

    /** Undoes {@link #createConflictingTable}. */
    abstract void dropConflictingTable(TenantTarget target) throws SQLException;

    @Test
    void two_deployments_at_once_on_overlapping_tenants_apply_everything_exactly_once() throws Exception {
        int half = fleetSize() / 2;
        CompletableFuture<DeployResult> first = CompletableFuture.supplyAsync(() ->
                fleet.runner(Fleet.options(6, false)).deploy(fleet.targets(0, half + half / 2)));
        CompletableFuture<DeployResult> second = CompletableFuture.supplyAsync(() ->
                fleet.runner(Fleet.options(6, false)).deploy(fleet.targets(half / 2, fleetSize())));

        assertThat(first.get().ok()).as(errors(first.get())).isTrue();
        assertThat(second.get().ok()).as(errors(second.get())).isTrue();
        assertThat(first.get().deployment()).isNotEqualTo(second.get().deployment());
        for (TenantTarget target : fleet.targets()) {
            assertThat(applied(target)).as(target.tenant().id().value()).containsExactly("1", "2");
        }
    }

    @Test
    void a_fleet_dry_run_groups_tenants_with_the_same_outcome_and_changes_nothing() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, Math.min(100, fleetSize()));
        createConflictingTable(targets.get(3));
        createConflictingTable(targets.get(7));

        List<TenantDryRun> results = new FleetDryRun(fleet.template(), fleet.loaded(), DryRunOptions.DEFAULTS, 8, 4).run(targets);
        List<DryRunGroup> groups = DryRunGroup.of(results);

        assertThat(results).hasSize(targets.size());
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).tenants()).hasSize(targets.size() - 2);
        assertThat(groups.get(0).status()).isEqualTo("success");
        assertThat(groups.get(0).outcome()).startsWith("success, 1 table created");
        assertThat(groups.get(1).tenants()).extracting(TenantId::value)
                .containsExactly(targets.get(3).tenant().id().value(), targets.get(7).tenant().id().value());
        assertThat(groups.get(1).status()).isEqualTo("error");
        assertThat(groups.get(1).outcome()).contains("V1__notes.sql", "<target>").doesNotContain(prefix);
        assertThat(applied(targets.get(0))).as("a dry run applies nothing").isEmpty();
        assertThat(applied(targets.get(3))).isEmpty();
    }

    @Test
    void rolling_back_a_deployment_gives_every_tenant_it_changed_its_schema_back() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, Math.min(50, fleetSize()));
        java.nio.file.Files.move(fleet.migrations.resolve("V2__tags.sql"), temp.resolve("V2__tags.sql"));
        assertThat(fleet.runner(Fleet.options(8, false)).deploy(targets).ok()).isTrue();
        List<String> before = new java.util.ArrayList<>();
        for (TenantTarget target : targets) {
            before.add(fingerprint(target));
        }
        java.nio.file.Files.move(temp.resolve("V2__tags.sql"), fleet.migrations.resolve("V2__tags.sql"));
        java.nio.file.Files.writeString(fleet.migrations.resolve("U2__tags.sql"), "ALTER TABLE notes DROP COLUMN tag;\n");
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__labels.sql"), "CREATE TABLE labels (id INT PRIMARY KEY, note_id INT);\n");
        java.nio.file.Files.writeString(fleet.migrations.resolve("U3__labels.sql"), "DROP TABLE labels;\n");
        DeployResult deployed = fleet.runner(Fleet.options(8, false)).deploy(targets);
        assertThat(deployed.ok()).isTrue();

        DeployResult rolledBack = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(8, false),
                FleetListener.SILENT).deployment(deployed.deployment(), fleet.targets());

        assertThat(rolledBack.ok()).as(rolledBack.tasks().toString()).isTrue();
        assertThat(rolledBack.tasks()).hasSize(targets.size()).allSatisfy(t -> assertThat(t.applied()).containsExactly("3", "2"));
        for (int i = 0; i < targets.size(); i++) {
            assertThat(fingerprint(targets.get(i))).as(targets.get(i).tenant().id().value()).isEqualTo(before.get(i));
        }
        assertThat(fleet.planner().plan(targets)).allSatisfy(plan -> {
            assertThat(plan.currentVersion()).isEqualTo("1");
            assertThat(plan.pending()).containsExactly("2", "3");
        });
        var record = fleet.plane.deployments().require(rolledBack.deployment());
        assertThat(record.kind()).isEqualTo("rollback");
        assertThat(record.rollsBack()).isEqualTo(deployed.deployment());
    }

    @Test
    void a_rollback_is_refused_before_anything_runs_when_a_down_file_is_missing() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 2);
        DeployResult deployed = fleet.runner(Fleet.options(2, false)).deploy(targets);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(),
                Fleet.options(2, false), FleetListener.SILENT).deployment(deployed.deployment(), fleet.targets()))
                .isInstanceOfSatisfying(dev.flotilla.FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.flotilla.ErrorCode.NO_DOWN_FILE);
                    assertThat(e.getMessage()).contains("V1__notes.sql, V2__tags.sql", "no down file", "Nothing was rolled back",
                            "Write U1__notes.sql, U2__tags.sql");
                });
        assertThat(applied(targets.get(0))).containsExactly("1", "2");
    }

    @Test
    void a_rollback_under_newer_migrations_is_refused_before_a_rollback_deployment_is_created() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 2);
        java.nio.file.Files.move(fleet.migrations.resolve("V2__tags.sql"), temp.resolve("V2__tags.sql"));
        DeployResult first = fleet.runner(Fleet.options(2, false)).deploy(targets);
        java.nio.file.Files.move(temp.resolve("V2__tags.sql"), fleet.migrations.resolve("V2__tags.sql"));
        java.nio.file.Files.writeString(fleet.migrations.resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(targets.subList(1, 2)).ok()).isTrue();
        int deployments = fleet.plane.deployments().count();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(),
                Fleet.options(2, false), FleetListener.SILENT).deployment(first.deployment(), fleet.targets()))
                .isInstanceOfSatisfying(dev.flotilla.FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.flotilla.ErrorCode.ROLLBACK_REFUSED);
                    assertThat(e.getMessage()).contains(targets.get(1).tenant().id() + " (2 applied on top)", "Nothing was rolled back")
                            .doesNotContain(targets.get(0).tenant().id() + " (");
                });
        assertThat(fleet.plane.deployments().count()).as("no rollback deployment was created").isEqualTo(deployments);
        assertThat(applied(targets.get(0))).containsExactly("1");
    }

    @Test
    void a_fleet_rollback_by_steps_undoes_on_each_tenant_the_migration_installed_last() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 2);
        java.nio.file.Files.move(fleet.migrations.resolve("V2__tags.sql"), temp.resolve("V2__tags.sql"));
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__labels.sql"), "CREATE TABLE labels (id INT PRIMARY KEY, note_id INT);\n");
        java.nio.file.Files.writeString(fleet.migrations.resolve("U3__labels.sql"), "DROP TABLE labels;\n");
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(targets).ok()).isTrue();
        java.nio.file.Files.move(temp.resolve("V2__tags.sql"), fleet.migrations.resolve("V2__tags.sql"));
        java.nio.file.Files.writeString(fleet.migrations.resolve("U2__tags.sql"), "ALTER TABLE notes DROP COLUMN tag;\n");
        var outOfOrder = fleet.template().withPolicy(new dev.flotilla.plan.ValidationPolicy(false, false, true));
        assertThat(new FleetRunner(fleet.plane, outOfOrder, fleet.loaded(), Fleet.options(2, false), FleetListener.SILENT)
                .deploy(targets).ok()).isTrue();

        DeployResult rolledBack = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(2, false),
                FleetListener.SILENT).tenants(targets, fleet.targets(), RollbackRequest.steps(1));

        assertThat(rolledBack.ok()).as(rolledBack.tasks().toString()).isTrue();
        assertThat(rolledBack.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.applied()).containsExactly("2"));
        assertThat(new FleetPlanner(outOfOrder, fleet.loaded(), 8, 8).plan(targets)).allSatisfy(plan -> {
            assertThat(plan.currentVersion()).isEqualTo("3");
            assertThat(plan.pending()).containsExactly("2");
        });
    }

    @Test
    void after_a_fleet_rollback_the_next_deploy_applies_again_the_repeatable_its_down_file_dropped() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 2);
        java.nio.file.Files.writeString(fleet.migrations.resolve("U2__tags.sql"),
                "DROP VIEW IF EXISTS tagged_notes;\nALTER TABLE notes DROP COLUMN tag;\n");
        java.nio.file.Files.writeString(fleet.migrations.resolve("R__tagged_notes.sql"),
                "DROP VIEW IF EXISTS tagged_notes;\nCREATE VIEW tagged_notes AS SELECT id, tag FROM notes;\n");
        DeployResult deployed = fleet.runner(Fleet.options(2, false)).deploy(targets);
        assertThat(deployed.ok()).as(errors(deployed)).isTrue();

        DeployResult rolledBack = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(2, false),
                FleetListener.SILENT).tenants(targets, fleet.targets(), RollbackRequest.steps(1));
        assertThat(rolledBack.ok()).as(rolledBack.tasks().toString()).isTrue();
        assertThat(fleet.planner().plan(targets)).allSatisfy(plan -> assertThat(plan.pending())
                .containsExactly("2", "R__tagged_notes.sql"));
        DeployResult again = fleet.runner(Fleet.options(2, false)).deploy(targets);

        assertThat(again.ok()).as(errors(again)).isTrue();
        assertThat(again.tasks()).allSatisfy(t -> assertThat(t.applied()).containsExactly("2", "R__tagged_notes.sql"));
        for (TenantTarget target : targets) {
            assertThat(TestDatabases.snapshot(target.target()).views()).extracting(v -> v.name().toLowerCase())
                    .as(target.tenant().id().value()).containsExactly("tagged_notes");
        }
    }

    String fingerprint(TenantTarget target) throws SQLException {
        return TestDatabases.snapshot(target.target()).fingerprint();
    }

    @Test
    void a_deploy_backs_each_tenant_up_first_and_a_restore_gives_back_a_dropped_column_with_its_data() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, Math.min(10, fleetSize()));
        dev.flotilla.backup.BackupPolicy policy = new dev.flotilla.backup.BackupPolicy(temp.resolve("backups"), 5);
        assertThat(fleet.runner(Fleet.options(4, false).withBackup(policy)).deploy(targets).ok()).isTrue();
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__drop_body.sql"), "ALTER TABLE notes DROP COLUMN body;\n");

        DeployResult destructive = fleet.runner(Fleet.options(4, false).withBackup(policy)).deploy(targets);
        List<TenantRestore> restored = new FleetRestore(fleet.plane, policy.dir(),
                TargetOptions.DEFAULT_LOCK_TIMEOUT, 4, 4, "test").restore(destructive.deployment(), targets);

        assertThat(destructive.ok()).isTrue();
        assertThat(restored).hasSize(targets.size()).allSatisfy(r -> assertThat(r.ok()).as(String.valueOf(r.error())).isTrue());
        for (TenantTarget target : targets) {
            try (TargetSession session = TargetSession.open(target.target(), false)) {
                assertThat(dev.flotilla.sql.Jdbc.queryString(session.connection(), "SELECT body FROM notes WHERE id = 1"))
                        .isEqualTo(target.tenant().id().value());
            }
            assertThat(applied(target)).containsExactly("1", "2");
        }
        var backup = fleet.plane.backups().forDeployment(destructive.deployment(), targets.get(0).tenant().id()).orElseThrow();
        assertThat(backup.sizeBytes()).isPositive();
        assertThat(fleet.plane.tenants().find(targets.get(0).tenant().id()).orElseThrow().status()).isEqualTo("restored");
    }

    @Test
    void a_restore_leaves_the_tenant_at_the_baseline_its_restored_history_records_as_a_plan_would() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 2);
        dev.flotilla.backup.BackupPolicy policy = new dev.flotilla.backup.BackupPolicy(temp.resolve("backups"), 5);
        assertThat(fleet.runner(Fleet.options(2, false).withBackup(policy)).deploy(targets).ok()).isTrue();
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__drop_body.sql"), "ALTER TABLE notes DROP COLUMN body;\n");
        DeployResult destructive = fleet.runner(Fleet.options(2, false).withBackup(policy)).deploy(targets);
        assertThat(destructive.ok()).as(errors(destructive)).isTrue();
        // What the plane learned since the backup: a baseline its history did not record then.
        targets.forEach(t -> fleet.plane.tenants().updateBaseline(t.tenant().id(), "3"));

        List<TenantRestore> restored = new FleetRestore(fleet.plane, policy.dir(), TargetOptions.DEFAULT_LOCK_TIMEOUT, 2, 2,
                "test").restore(destructive.deployment(), targets);

        assertThat(restored).allSatisfy(r -> assertThat(r.ok()).as(String.valueOf(r.error())).isTrue());
        try (java.sql.Connection plane = java.sql.DriverManager.getConnection(fleet.planeUrl, "sa", "")) {
            for (TenantTarget target : targets) {
                String id = target.tenant().id().value();
                assertThat(dev.flotilla.sql.Jdbc.queryString(plane, "SELECT current_version FROM tenants WHERE id = '" + id + "'"))
                        .isEqualTo("2");
                assertThat(dev.flotilla.sql.Jdbc.queryString(plane, "SELECT baseline_version FROM tenants WHERE id = '" + id + "'"))
                        .as("the restored history records no baseline: lint counts no version as baselined there")
                        .isEqualTo("none");
            }
        }
        assertThat(fleet.planner().plan(targets)).allSatisfy(plan -> assertThat(plan.baselined()).isEmpty());
    }
}
