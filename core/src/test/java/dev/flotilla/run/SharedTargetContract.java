package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
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
        FleetBackup.Run manual = new FleetBackup(fleet.plane, dir, null, 2, 2).run(fleet.targets(), id -> { });
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
        FleetBackup.Run backup = new FleetBackup(fleet.plane, dir, null, 2, 2).run(fleet.targets(), id -> { });
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            Jdbc.execute(session.connection(), "DELETE FROM events");
        }
        FleetRestore restore = new FleetRestore(fleet.plane, dir, null, 2, 2, "test");

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
