package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.TargetOptions;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared-schema tenancy: three tenants share one target (one schema, one history table), so what rolls it back, backs
 * it up or restores it does so for all of them, whichever dialect.
 */
abstract class SharedTargetContract {
    @TempDir
    Path temp;
    Fleet fleet;
    MigrationFolder files;
    final String shared = TestDatabases.uniqueName();

    /** The shared-schema tenancy of the dialect under test, its shared schema (database on MariaDB) {@code shared}. */
    abstract Tenancy tenancy(String shared);

    /**
     * A migration inserting {@code row} into {@code serials} although its parent is missing, as a load with the foreign
     * key switched off does (PostgreSQL: the key added back NOT VALID, named {@code serials_company}).
     */
    abstract String orphanMigration(String row);

    @BeforeEach
    void deployTheSharedTarget() throws SQLException {
        files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__events.sql", "CREATE TABLE events (id INT PRIMARY KEY, tenant_id VARCHAR(20) NOT NULL, name VARCHAR(50));\n")
                .write("U1__events.sql", "DROP TABLE events;\n");
        fleet = new Fleet(tenancy(shared), files.path(), 3);
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(fleet.targets()).ok()).isTrue();
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            Jdbc.execute(session.connection(), "INSERT INTO events VALUES (1, 't000', 'a'), (2, 't001', 'b'), (3, 't002', 'c')");
        }
    }

    @AfterEach
    void dropTheSharedTarget() {
        TestDatabases.drop(fleet.targets().get(0).target());
        fleet.close();
    }

    @Test
    void the_task_log_of_the_tenants_sharing_a_target_gives_its_commands_for_all_of_them() throws Exception {
        String legacy = TestDatabases.uniqueName();
        try (Fleet existing = new Fleet(tenancy(legacy), files.path(), 3)) {
            try (TargetSession session = TargetSession.open(existing.targets().get(0).target(), true)) {
                Jdbc.execute(session.connection(), "CREATE TABLE legacy (id INT PRIMARY KEY)");
            }
            try {
                DeployResult deploy = existing.runner(Fleet.options(2, false)).deploy(existing.targets());

                assertThat(deploy.ok()).isTrue();
                assertThat(existing.plane.deployments().tasks(deploy.deployment())).hasSize(3).allSatisfy(task ->
                        assertThat(task.log()).as("the notice of tables without a history table, in the log the three share")
                                .contains("has 1 table(s) but no history table",
                                        "`flotilla baseline --tenants t000,t001,t002 --version V`"));
            } finally {
                TestDatabases.drop(existing.targets().get(0).target());
            }
        }
    }

    @Test
    void rolling_back_some_of_the_tenants_sharing_a_target_is_refused_before_anything_runs() throws Exception {
        int deployments = fleet.plane.deployments().count();

        assertThatThrownBy(() -> rollback().tenants(fleet.targets(0, 1), fleet.targets(), RollbackRequest.steps(1)))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE);
                    assertThat(e.getMessage()).contains("Cannot roll back t000 alone", "with t001, t002", "undo the migrations for"
                            + " every one of them", "--all, or --tenants t000,t001,t002", "Nothing was rolled back.");
                });

        assertThat(fleet.plane.deployments().count()).as("no rollback deployment was created").isEqualTo(deployments);
        assertThat(version()).isEqualTo("1");
        assertThat(rows()).isEqualTo("3");
    }

    @Test
    void rolling_back_a_deployment_that_reached_one_tenant_of_a_shared_target_is_refused_and_so_is_its_dry_run() throws Exception {
        files.write("V2__kind.sql", "ALTER TABLE events ADD COLUMN kind VARCHAR(10);\n")
                .write("U2__kind.sql", "ALTER TABLE events DROP COLUMN kind;\n");
        String deployment = fleet.runner(Fleet.options(2, false)).deploy(fleet.targets(0, 1)).deployment();

        assertThatThrownBy(() -> rollback().requests(deployment, fleet.targets()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage())
                        .contains("Cannot roll back " + deployment + " on t000 alone", "t001, t002", "--steps N or --to VERSION"));
        assertThatThrownBy(() -> rollback().deployment(deployment, fleet.targets()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE));
        assertThat(version()).isEqualTo("2");

        DeployResult all = rollback().tenants(fleet.targets(), fleet.targets(), RollbackRequest.steps(1));
        assertThat(all.ok()).as(all.tasks().toString()).isTrue();
        assertThat(version()).isEqualTo("1");
        assertThat(rows()).isEqualTo("3");
    }

    @Test
    void a_shared_target_is_backed_up_once_into_a_file_named_after_it_and_recorded_for_every_tenant() throws Exception {
        Path dir = temp.resolve("backups");
        FleetBackup.Run manual = new FleetBackup(fleet.plane, dir, TargetOptions.DEFAULT_LOCK_TIMEOUT, 2, 2)
                .run(fleet.targets(), id -> { });
        files.write("V2__kind.sql", "ALTER TABLE events ADD COLUMN kind VARCHAR(10);\n");
        var policy = new dev.flotilla.backup.BackupPolicy(dir, 5);
        String deployment = fleet.runner(Fleet.options(2, false).withBackup(policy)).deploy(fleet.targets()).deployment();

        assertThat(manual.tenants()).allSatisfy(t -> assertThat(t.backup().path().getFileName().toString())
                .startsWith("shared-" + shared + "."));
        assertThat(manual.tenants()).extracting(t -> t.backup().path()).containsOnly(manual.tenants().get(0).backup().path());
        try (var listed = java.nio.file.Files.list(dir.resolve(manual.id()))) {
            assertThat(listed.toList()).as("one dump of the shared target, not one per tenant").hasSize(1);
        }
        try (var listed = java.nio.file.Files.list(dir.resolve(deployment))) {
            assertThat(listed.map(f -> f.getFileName().toString()).toList()).singleElement()
                    .satisfies(name -> assertThat(name).startsWith("shared-" + shared + "."));
        }
        assertThat(fleet.targets()).allSatisfy(t -> assertThat(fleet.plane.backups().forDeployment(deployment, t.tenant().id()))
                .isPresent());
    }

    @Test
    void a_shared_target_is_restored_once_for_all_its_tenants_and_never_for_some_of_them() throws Exception {
        Path dir = temp.resolve("backups");
        FleetBackup.Run backup = new FleetBackup(fleet.plane, dir, TargetOptions.DEFAULT_LOCK_TIMEOUT, 2, 2)
                .run(fleet.targets(), id -> { });
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            Jdbc.execute(session.connection(), "DELETE FROM events");
        }
        FleetRestore restore = new FleetRestore(fleet.plane, dir, TargetOptions.DEFAULT_LOCK_TIMEOUT, 2, 2, "test");

        assertThatThrownBy(() -> FleetRestore.requireWholeTargets(fleet.targets(0, 2), fleet.targets()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET);
                    assertThat(e.getMessage()).contains("Cannot restore t000, t001 alone", "with t002", "--tenants t000,t001,t002",
                            "Nothing was restored.").doesNotContain("restoring one tenant's rows");
                });
        List<TenantRestore> restored = restore.restoreBackup(backup.id(), fleet.targets());

        assertThat(restored).extracting(TenantRestore::ok).containsExactly(true, true, true);
        assertThat(rows()).isEqualTo("3");
        assertThat(fleet.targets()).allSatisfy(t -> assertThat(fleet.plane.tenants().find(t.tenant().id()).orElseThrow().status())
                .isEqualTo("restored"));

        fleet.add("t003");
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            Jdbc.execute(session.connection(), "INSERT INTO events VALUES (4, 't003', 'd')");
        }
        List<TenantRestore> withNewcomer = restore.restoreBackup(backup.id(), fleet.targets());
        assertThat(withNewcomer).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.RESTORE_FAILED);
            assertThat(r.error()).contains("holds no rows of t003", "nothing was restored");
        });
        assertThat(rows()).as("the newcomer's rows are kept").isEqualTo("4");
    }

    /**
     * One tenant's orphan row fails that tenant alone, in the dry run, the deploy and verify: each tenant's rows are
     * checked on their own. A check schema-wide by nature (fk-rules reads the schema's keys) fails every tenant sharing
     * the schema, saying it is schema-wide, and is said once in the task's log.
     */
    @Test
    void a_tenants_orphan_row_fails_that_tenant_alone_and_a_schema_wide_finding_says_it_is_the_schemas() throws Exception {
        files.write("V2__serials.sql", """
                CREATE TABLE companies (id INT NOT NULL, tenant_id VARCHAR(20) NOT NULL, PRIMARY KEY (tenant_id, id));
                CREATE TABLE serials (id INT NOT NULL, tenant_id VARCHAR(20) NOT NULL, company_id INT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    CONSTRAINT serials_company FOREIGN KEY (tenant_id, company_id) REFERENCES companies (tenant_id, id));
                INSERT INTO companies VALUES (1, 't000'), (1, 't001'), (1, 't002');
                INSERT INTO serials VALUES (1, 't000', 1), (1, 't001', 1), (1, 't002', 1);
                """);
        VerifyOptions checks = VerifyOptions.DEFAULTS.sharedBy("tenant_id");
        assertThat(fleet.runner(Fleet.options(2, true).withVerify(checks)).deploy(fleet.targets()).ok()).isTrue();
        files.write("V3__orphan.sql", orphanMigration("(2, 't001', 7)"));

        List<TenantDryRun> dryRun = new FleetDryRun(fleet.template(), fleet.loaded(), new DryRunOptions(DryRunMode.AUTO, 0,
                null, LintOptions.DEFAULTS, checks), 2, 2).run(fleet.targets());
        DeployResult deploy = fleet.runner(Fleet.options(2, true).withVerify(checks)).deploy(fleet.targets());
        List<TenantVerification> verify = new FleetVerify(fleet.template(), fleet.loaded(), checks, "tenant_id", 2, 2)
                .run(fleet.targets());

        assertThat(dryRun).extracting(r -> r.report().ok()).containsExactly(true, false, true);
        assertThat(dryRun.get(1).firstError()).contains("serials.tenant_id, company_id -> companies.tenant_id, id: 1 orphan"
                + " row(s) of t001");
        assertThat(deploy.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.SUCCEEDED, TaskStatus.FAILED,
                TaskStatus.SUCCEEDED);
        assertThat(deploy.tasks().get(1).error()).contains("1 orphan row(s) of t001");
        assertThat(verify).extracting(TenantVerification::ok).containsExactly(true, false, true);
        assertThat(verify.get(0).results()).filteredOn(r -> r.id().equals("fk-orphans")).extracting(CheckResult::message)
                .containsExactly("1 foreign key(s) without orphan rows of t000");

        VerifyOptions cascade = new VerifyOptions(Set.of(), List.of(new VerifyOptions.FkRule("companies", "CASCADE", null)),
                null, null, List.of(), null, null).sharedBy("tenant_id");
        List<TenantVerification> schemaWide = new FleetVerify(fleet.template(), fleet.loaded(), cascade, "tenant_id", 2, 2)
                .run(fleet.targets());
        assertThat(schemaWide).allSatisfy(v -> assertThat(v.results()).filteredOn(r -> r.id().equals("fk-rules"))
                .singleElement().satisfies(r -> assertThat(r.message()).contains("expected CASCADE", CheckResult.SCHEMA_WIDE)));
        files.write("V4__note.sql", "ALTER TABLE events ADD COLUMN note VARCHAR(10);\n");
        DeployResult failing = fleet.runner(Fleet.options(2, true).withVerify(cascade)).deploy(fleet.targets());
        assertThat(failing.tasks()).allSatisfy(t -> assertThat(t.error()).contains("fk-rules failed", CheckResult.SCHEMA_WIDE));
        String log = fleet.plane.deployments().tasks(failing.deployment()).get(0).log();
        assertThat(log.split("expected CASCADE", -1)).as("the schema's finding is said once: " + log).hasSize(2);
    }

    /**
     * A custom check naming {@code ${tenant}} runs for each tenant on its own rows, in the dry run, the deploy's checks and
     * verify: a bad row of t001 fails t001 alone, naming it.
     */
    @Test
    void a_custom_check_naming_the_tenant_fails_only_the_tenant_whose_rows_break_it() throws Exception {
        Path checks = java.nio.file.Files.createDirectories(temp.resolve("checks"));
        java.nio.file.Files.writeString(checks.resolve("events.sql"), """
                -- check: no-bad-events
                -- expect: empty
                SELECT id FROM events WHERE tenant_id = ${tenant} AND name = 'bad';
                """);
        VerifyOptions verify = VerifyOptions.DEFAULTS.sharedBy("tenant_id").withFolder(checks);
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            Jdbc.execute(session.connection(), "UPDATE events SET name = 'bad' WHERE tenant_id = 't001'");
        }
        files.write("V2__kind.sql", "ALTER TABLE events ADD COLUMN kind VARCHAR(10);\n");

        // Rows copied where the dry run is on a clone (MariaDB): a copy of the structure alone has no bad row to find.
        List<TenantDryRun> dryRun = new FleetDryRun(fleet.template(), fleet.loaded(), new DryRunOptions(DryRunMode.AUTO, 10,
                null, LintOptions.DEFAULTS, verify), 2, 2).run(fleet.targets());
        DeployResult deploy = fleet.runner(Fleet.options(2, true).withVerify(verify)).deploy(fleet.targets());
        List<TenantVerification> verified = new FleetVerify(fleet.template(), fleet.loaded(), verify, "tenant_id", 2, 2)
                .run(fleet.targets());

        assertThat(dryRun).extracting(r -> r.report().ok()).containsExactly(true, false, true);
        assertThat(dryRun.get(1).firstError()).contains("no-bad-events", "(tenant t001)");
        assertThat(deploy.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.SUCCEEDED, TaskStatus.FAILED,
                TaskStatus.SUCCEEDED);
        assertThat(deploy.tasks().get(1).error()).contains("no-bad-events", "events.sql:3 (tenant t001)");
        assertThat(verified).extracting(TenantVerification::ok).containsExactly(true, false, true);
        assertThat(verified.get(0).results()).filteredOn(r -> r.id().equals("no-bad-events")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("(tenant t000)").doesNotContain(CheckResult.SCHEMA_WIDE));
    }

    /**
     * On a clone with sample rows, each tenant's copy holds its own rows of the tables with the tenant column: a unique
     * index only t001's rows break fails t001's dry run and passes the others', together or alone.
     */
    @Test
    void a_dry_run_with_sample_rows_copies_the_tested_tenants_own_rows() throws Exception {
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            Jdbc.execute(session.connection(), "INSERT INTO events VALUES (4, 't001', 'b')");
        }
        // A rule only t001's rows break (a unique key would be checked over the whole schema's rows, rightly: it fails
        // every tenant sharing it, see UniqueKeysOverRows).
        files.write("V2__no_b.sql", "ALTER TABLE events ADD CONSTRAINT events_not_b CHECK (name <> 'b');\n");
        FleetDryRun dryRun = new FleetDryRun(fleet.template(), fleet.loaded(), new DryRunOptions(DryRunMode.CLONE, 10, null,
                LintOptions.DEFAULTS, VerifyOptions.DEFAULTS.sharedBy("tenant_id")), 2, 2);

        List<TenantDryRun> together = dryRun.run(fleet.targets());
        List<TenantDryRun> t000 = dryRun.run(fleet.targets(0, 1));
        List<TenantDryRun> t001 = dryRun.run(fleet.targets(1, 2));

        assertThat(together).extracting(r -> r.report().ok()).as(together.toString()).containsExactly(true, false, true);
        assertThat(together.get(1).firstError()).contains("events_not_b");
        assertThat(together.get(0).report().mode()).isEqualTo("clone");
        assertThat(t000.get(0).report().ok()).as(t000.toString()).isTrue();
        assertThat(t001.get(0).report().ok()).isFalse();
        assertThat(rows()).as("the target is untouched").isEqualTo("4");
    }

    FleetRollback rollback() {
        return new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(2, false), FleetListener.SILENT);
    }

    /** The version in effect on the shared target. */
    String version() {
        return fleet.planner().plan(fleet.targets(0, 1)).get(0).currentVersion();
    }

    String rows() throws SQLException {
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            return Jdbc.queryString(session.connection(), "SELECT COUNT(*) FROM events");
        }
    }
}
