package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.MigrationLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine used as a library: what a fleet's run keeps in the control plane is masked of its secret placeholders' values. */
class LibrarySecretPlaceholdersH2IT extends OneTenantH2Fleet {
    private static final String SECRET = "Pw-S3cretXyz";

    @Test
    void a_failing_statement_quoting_a_secret_placeholder_is_kept_masked_without_the_application_registering_it()
            throws Exception {
        Path folder = Files.createDirectories(temp.resolve("leaky"));
        Files.writeString(folder.resolve("V1__grant.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");
        TargetOptions template = new TargetOptions(null, folder, Map.of("db_password", SECRET), null, Duration.ofSeconds(60),
                null, null, null, "test");

        DeployResult result = new FleetRunner(fleet.plane, template, new MigrationLoader(Set.of("db_password")).load(folder),
                Fleet.options(1, true), FleetListener.SILENT).deploy(fleet.targets());

        assertThat(result.ok()).isFalse();
        TaskRecord task = fleet.plane.deployments().tasks(result.deployment()).get(0);
        assertThat(task.error() + task.log()).as("the task's error and log").contains("nowhere").doesNotContain(SECRET);
        assertThat(fleet.plane.tenants().all()).extracting(TenantRecord::lastError).allSatisfy(error ->
                assertThat(error).doesNotContain(SECRET));
    }

    @Test
    void a_fleet_dry_run_returns_a_failing_statement_quoting_a_secret_placeholder_masked() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("leaky"));
        Files.writeString(folder.resolve("V1__table.sql"), "CREATE TABLE kept (x VARCHAR(50));\n");
        assertThat(new FleetRunner(fleet.plane, template(folder), new MigrationLoader(Set.of("db_password")).load(folder),
                Fleet.options(1, false), FleetListener.SILENT).deploy(fleet.targets()).ok()).isTrue();
        Files.writeString(folder.resolve("V2__grant.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");

        List<TenantDryRun> results = new FleetDryRun(template(folder), new MigrationLoader(Set.of("db_password")).load(folder),
                DryRunOptions.DEFAULTS, 1, 1).run(fleet.targets());

        TenantDryRun result = results.get(0);
        assertThat(result.status()).isEqualTo("error");
        assertThat(result.firstError()).as("the first error").contains("nowhere").doesNotContain(SECRET);
        assertThat(result.report().run().migrations()).singleElement().satisfies(run -> {
            assertThat(run.error()).as("the migration's error").doesNotContain(SECRET);
            assertThat(run.statements()).extracting(StatementRun::sql).as("the statements as they ran")
                    .allSatisfy(sql -> assertThat(sql).doesNotContain(SECRET));
        });
        assertThat(result.report().run().problems()).extracting(p -> p.advice().text()).as("the problems")
                .isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
    }

    @Test
    void a_fleet_repair_refusing_returns_the_statements_that_stay_applied_with_a_secret_placeholder_masked() throws Exception {
        // H2 commits each statement of a migration: the first two stay applied when the third fails.
        Path folder = Files.createDirectories(temp.resolve("partly"));
        Files.writeString(folder.resolve("V1__grant.sql"), "CREATE TABLE kept (x VARCHAR(50));\n"
                + "INSERT INTO kept VALUES ('${db_password}');\nINSERT INTO nowhere VALUES (1);\n");
        var migrations = new MigrationLoader(Set.of("db_password")).load(folder);
        assertThat(new FleetRunner(fleet.plane, template(folder), migrations, Fleet.options(1, true), FleetListener.SILENT)
                .deploy(fleet.targets()).ok()).isFalse();

        List<FleetRepair.TenantRepair> repairs = new FleetRepair(template(folder), migrations, 1, 1)
                .repair(fleet.targets(), RepairRequest.REMOVE_FAILED);

        assertThat(repairs).singleElement().satisfies(repair -> {
            assertThat(repair.code()).isEqualTo(dev.flotilla.ErrorCode.REPAIR_REFUSED);
            assertThat(repair.error()).as("the refusal quoting what ran").contains("INSERT INTO kept").doesNotContain(SECRET);
        });
    }

    private static TargetOptions template(Path folder) {
        return new TargetOptions(null, folder, Map.of("db_password", SECRET), null, Duration.ofSeconds(60), null, null, null,
                "test");
    }

    @Test
    void one_targets_migrate_and_dry_run_through_flotilla_return_a_statement_quoting_a_secret_placeholder_masked()
            throws Exception {
        Path folder = Files.createDirectories(temp.resolve("one"));
        Files.writeString(folder.resolve("V1__grant.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");
        String url = "jdbc:h2:mem:lib_" + java.util.UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        TargetOptions options = new TargetOptions(new dev.flotilla.target.TargetSpec(url, "sa", null, null, null), folder,
                Map.of("db_password", SECRET), null, Duration.ofSeconds(60), null, null, null, "test");
        dev.flotilla.Flotilla flotilla = dev.flotilla.Flotilla.load(options);

        DryRunReport dryRun = flotilla.dryRun();
        RunReport migrate = flotilla.migrate();

        for (RunReport run : List.of(dryRun.run(), migrate)) {
            assertThat(run.ok()).isFalse();
            assertThat(run.migrations()).singleElement().satisfies(m -> {
                assertThat(m.error()).as("the migration's error").contains("nowhere").doesNotContain(SECRET);
                assertThat(m.statements()).extracting(StatementRun::sql).allSatisfy(sql -> assertThat(sql).doesNotContain(SECRET));
            });
        }
    }

    @Test
    void one_targets_migrate_dry_run_and_rollback_through_target_runner_return_a_secret_placeholder_masked() throws Exception {
        // TargetRunner is public (the command line and the console use it): used directly, it masks as Flotilla does.
        Path folder = Files.createDirectories(temp.resolve("runner"));
        Files.writeString(folder.resolve("V1__kept.sql"), "CREATE TABLE kept (x VARCHAR(50));\n");
        Files.writeString(folder.resolve("U1__kept.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");
        Files.writeString(folder.resolve("V2__grant.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");
        var migrations = new MigrationLoader(Set.of("db_password")).load(folder);
        TargetRunner runner = new TargetRunner(h2(folder), migrations);
        TargetRunner firstOnly = new TargetRunner(h2(folder), migrations.keeping(migrations.versioned().subList(0, 1)));
        assertThat(firstOnly.migrate().ok()).isTrue();

        DryRunReport dryRun = runner.dryRun(DryRunOptions.DEFAULTS);
        RunReport migrate = runner.migrate();
        RunReport rollback = firstOnly.rollback(RollbackRequest.steps(1));

        for (RunReport run : List.of(dryRun.run(), migrate, rollback)) {
            assertThat(run.ok()).as(run.command()).isFalse();
            assertThat(run.migrations()).last().satisfies(m -> {
                assertThat(m.error()).as("the migration's error").contains("nowhere").doesNotContain(SECRET);
                assertThat(m.statements()).extracting(StatementRun::sql).allSatisfy(sql -> assertThat(sql).doesNotContain(SECRET));
            });
        }
    }

    @Test
    void one_targets_verify_and_shared_verify_through_target_runner_return_a_row_quoting_a_secret_placeholder_masked()
            throws Exception {
        Path folder = Files.createDirectories(temp.resolve("kept"));
        Files.writeString(folder.resolve("V1__kept.sql"), "CREATE TABLE kept (tenant_id VARCHAR(10) NOT NULL, x VARCHAR(50));\n"
                + "CREATE INDEX kept_tenant ON kept (tenant_id);\nINSERT INTO kept VALUES ('t1', '${db_password}');\n");
        Path checks = Files.createDirectories(temp.resolve("checks"));
        Files.writeString(checks.resolve("kept.sql"), "-- check: nothing-kept\n-- expect: empty\nSELECT x FROM kept;\n");
        TargetRunner runner = new TargetRunner(h2(folder), new MigrationLoader(Set.of("db_password")).load(folder));
        assertThat(runner.migrate().ok()).isTrue();

        List<dev.flotilla.verify.CheckResult> whole = runner.verify(dev.flotilla.verify.VerifyOptions.DEFAULTS.withFolder(checks),
                dev.flotilla.verify.TenantScope.WHOLE_TARGET);
        dev.flotilla.verify.SharedResults shared = runner.verifyShared(dev.flotilla.verify.VerifyOptions.DEFAULTS
                .sharedBy("tenant_id").withFolder(checks), List.of(dev.flotilla.tenant.TenantId.of("t1")));

        for (List<dev.flotilla.verify.CheckResult> results : List.of(whole, shared.of("t1"))) {
            assertThat(results).filteredOn(r -> r.id().equals("nothing-kept")).singleElement().satisfies(r -> {
                assertThat(r.ok()).isFalse();
                assertThat(r.message()).as("the check's message").contains("first: ****").doesNotContain(SECRET);
                assertThat(r.problems()).as("its problems").isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(SECRET));
            });
        }
    }

    /** Options for a new in-memory H2 target of its own, with the secret placeholder. */
    private static TargetOptions h2(Path folder) {
        String url = "jdbc:h2:mem:lib_" + java.util.UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return new TargetOptions(new dev.flotilla.target.TargetSpec(url, "sa", null, null, null), folder,
                Map.of("db_password", SECRET), null, Duration.ofSeconds(60), null, null, null, "test");
    }
}
