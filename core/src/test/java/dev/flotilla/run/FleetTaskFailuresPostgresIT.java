package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What fails a tenant's task of a fleet deployment on PostgreSQL schemas, and what is tried again: a lock waited for too
 * long (retried with back-off, logged, never backed up without the tenant's lock), an unreachable tenant, and the checks
 * after each tenant (rows lost, objects a dry run did not expect).
 */
class FleetTaskFailuresPostgresIT extends PostgresFleetFixture {
    @Test
    void a_lock_timeout_is_retried_with_backoff_and_every_attempt_is_logged() throws Exception {
        TenantTarget busy = fleet.target("t000");
        // The lock is held from before the task starts until its first attempt has given up (lock wait 200 ms),
        // and let go as the task starts its pause before the retry.
        FleetOptions options = new FleetOptions(1, 1, List.of(), 0, false, 2, Duration.ofMillis(1000), Hooks.NONE, "test");
        java.util.concurrent.atomic.AtomicReference<dev.flotilla.sql.SessionLock> held = new java.util.concurrent.atomic.AtomicReference<>();
        FleetListener listener = new FleetListener() {
            @Override
            public void taskRetrying(dev.flotilla.tenant.TenantId tenant, int failedAttempt, long pauseMillis) {
                try {
                    held.getAndSet(null).close();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        FleetRunner runner = new FleetRunner(fleet.plane, fleet.template().withLockWait(Duration.ofMillis(200)),
                fleet.loaded(), options, listener);
        try (dev.flotilla.target.TargetSession other = dev.flotilla.target.TargetSession.open(busy.target(), true)) {
            held.set(other.lock(busy.target().historyTable(), Duration.ofSeconds(5)));

            DeployResult result = runner.deploy(List.of(busy));

            assertThat(result.ok()).as(errors(result)).isTrue();
            assertThat(result.tasks().get(0).attempts()).isEqualTo(2);
        }
        dev.flotilla.control.TaskRecord task = fleet.plane.deployments().tasks(fleet.plane.deployments().newest(1).get(0).id()).get(0);
        assertThat(task.log()).contains("attempt 1:", "retrying in 1000 ms", "V1__notes.sql: applied");
        assertThat(task.attempts()).as("recorded as the deploy reported them").isEqualTo(2);
    }

    @Test
    void an_unreachable_tenant_is_tried_a_bounded_number_of_times_then_fails() {
        TenantTarget gone = TenantTarget.of(fleet.add("t900"), new Tenancy(TenancyModel.SCHEMA_PER_TENANT,
                "jdbc:postgresql://127.0.0.1:1/none", null, "{tenant}", "postgres", null, null));
        FleetOptions options = new FleetOptions(1, 1, List.of(), 0, false, 2, Duration.ofMillis(10), Hooks.NONE, "test");

        DeployResult result = fleet.runner(options).deploy(List.of(gone));

        assertThat(result.tasks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(t.attempts()).isEqualTo(3);
            assertThat(t.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        });
        String log = fleet.plane.deployments().tasks(result.deployment()).get(0).log();
        // Each attempt's line reads as the task's final error does: the same worded message, not the driver's raw text.
        java.util.List<String> said = log.lines().filter(l -> l.startsWith("attempt ") || l.startsWith("error: "))
                .map(l -> l.replaceFirst("^(attempt \\d+|error): ", "")).toList();
        assertThat(said).as(log).hasSize(3).containsOnly(said.get(said.size() - 1));
        fleet.tenants.removeIf(t -> t.id().value().equals("t900"));
    }

    @Test
    void a_lock_timeout_while_counting_rows_before_the_deploy_is_tried_again_and_says_what_waited() throws Exception {
        List<TenantTarget> one = fleet.targets(0, 1);
        FleetOptions retrying = new FleetOptions(1, 1, List.of(), 0, false, 3, java.time.Duration.ofMillis(400), Hooks.NONE, "test")
                .withVerify(dev.flotilla.verify.VerifyOptions.DEFAULTS);
        assertThat(fleet.runner(retrying).deploy(one).ok()).isTrue();
        Files.writeString(fleet.migrations.resolve("V3__more.sql"), "ALTER TABLE notes ADD COLUMN more INT;\n");
        dev.flotilla.TargetOptions template = new dev.flotilla.TargetOptions(null, fleet.migrations, java.util.Map.of(), null, java.time.Duration.ofSeconds(60),
                java.time.Duration.ofMillis(200), null, null, "test");
        DeployResult result;
        try (Connection holder = TestDatabases.connect(one.get(0).target())) {
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + one.get(0).target().schema() + "\".notes IN ACCESS EXCLUSIVE MODE");
            java.util.concurrent.CompletableFuture.delayedExecutor(700, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
                try {
                    holder.rollback();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            result = new FleetRunner(fleet.plane, template, fleet.loaded(), retrying, FleetListener.SILENT).deploy(one);
        }

        assertThat(result.ok()).as(errors(result)).isTrue();
        assertThat(result.tasks().get(0).attempts()).isGreaterThan(1);
        assertThat(fleet.plane.deployments().tasks(result.deployment()).get(0).log())
                .contains("counting rows, attempt 1: Counting the rows of", "a table another session holds");
    }

    @Test
    void a_deployment_whose_every_backup_failed_leaves_no_empty_folder_of_its_own_under_the_backup_dir() throws Exception {
        TenantTarget target = fleet.target("t000");
        Path dir = temp.resolve("backups");
        FleetOptions noRetries = new FleetOptions(1, 1, List.of(), 0, false, 0, Duration.ofMillis(50), Hooks.NONE, "test")
                .withBackup(new dev.flotilla.backup.BackupPolicy(dir, 5));
        assertThat(fleet.runner(noRetries).deploy(List.of(target)).ok()).isTrue();
        Files.writeString(fleet.migrations.resolve("V3__more.sql"), "ALTER TABLE notes ADD COLUMN more INT;\n");
        dev.flotilla.TargetOptions template = new dev.flotilla.TargetOptions(null, fleet.migrations, java.util.Map.of(), null,
                Duration.ofSeconds(60), Duration.ofMillis(200), null, null, "test");
        DeployResult result;
        try (Connection holder = TestDatabases.connect(target.target())) {
            holder.setAutoCommit(false);
            // The backup's read of the schema waits for the table past the lock timeout: the backup fails, its folder made.
            Jdbc.execute(holder, "LOCK TABLE \"" + target.target().schema() + "\".notes IN ACCESS EXCLUSIVE MODE");
            result = new FleetRunner(fleet.plane, template, fleet.loaded(), noRetries, FleetListener.SILENT).deploy(List.of(target));
            holder.rollback();
        }

        assertThat(result.tasks().get(0).code()).as(errors(result)).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(fleet.plane.deployments().tasks(result.deployment()).get(0).log()).contains("Backing up");
        assertThat(dir.resolve(result.deployment())).as("no empty folder of the deployment's").doesNotExist();
        Files.createDirectories(dir.resolve("kept-" + result.deployment()));
        DeployResult retried = fleet.runner(noRetries).resume(result.deployment(), fleet.targets(), true);
        assertThat(retried.ok()).as(errors(retried)).isTrue();
        assertThat(dir.resolve(result.deployment())).as("the retry's backup is in it").isNotEmptyDirectory();
        assertThat(dir.resolve("kept-" + result.deployment())).as("a folder not the deployment's stays").exists();
    }

    @Test
    void a_deployment_backs_a_tenant_up_only_under_its_lock_and_only_when_something_is_pending() throws Exception {
        TenantTarget target = fleet.target("t000");
        dev.flotilla.backup.BackupPolicy policy = new dev.flotilla.backup.BackupPolicy(temp.resolve("backups"), 5);
        FleetOptions noRetries = new FleetOptions(1, 1, List.of(), 0, false, 0, Duration.ofMillis(50), Hooks.NONE, "test")
                .withBackup(policy);
        assertThat(fleet.runner(noRetries).deploy(List.of(target)).ok()).isTrue();
        Files.writeString(fleet.migrations.resolve("V3__slow.sql"), "CREATE TABLE s1 (id INT);\nINSERT INTO s1 VALUES (1);\n");
        FleetRunner waiting = new FleetRunner(fleet.plane, fleet.template().withLockWait(Duration.ofMillis(200)), fleet.loaded(),
                noRetries, FleetListener.SILENT);
        DeployResult second;
        // Another deployment holds the tenant, its migration half done (not committed).
        try (dev.flotilla.target.TargetSession first = dev.flotilla.target.TargetSession.open(target.target(), true);
             dev.flotilla.sql.SessionLock ignored = first.lock(target.target().historyTable(), Duration.ofSeconds(5))) {
            first.connection().setAutoCommit(false);
            Jdbc.execute(first.connection(), "CREATE TABLE \"" + target.target().schema() + "\".s1 (id INT)");

            second = waiting.deploy(List.of(target));

            first.connection().rollback();
            first.connection().setAutoCommit(true);
        }
        assertThat(second.tasks().get(0).code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(fleet.plane.backups().forDeployment(second.deployment(), target.tenant().id()))
                .as("no backup without the lock: it could hold the other deployment's work half done").isEmpty();
        // The other run ends (by hand, not a newer deployment: a retry of one superseded by a newer one is refused).
        assertThat(new TargetRunner(fleet.template().forTarget(target.target(), target.tenant().id().value()), fleet.loaded())
                .migrate().ok()).as("the other run ends").isTrue();

        DeployResult retried = waiting.resume(second.deployment(), fleet.targets(), true);

        assertThat(retried.ok()).as(errors(retried)).isTrue();
        assertThat(retried.tasks().get(0).applied()).isEmpty();
        assertThat(fleet.plane.backups().forDeployment(second.deployment(), target.tenant().id()))
                .as("up to date once locked: a restore of this deployment must not undo the other's V3").isEmpty();
        assertThat(fleet.plane.deployments().tasks(second.deployment()).get(0).log()).contains("nothing to back up: up to date");
    }

    @Test
    void expected_objects_compares_only_with_a_dry_run_of_the_same_file_not_an_earlier_edit_of_its_version() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 2);
        assertThat(fleet.runner(Fleet.options(2, true)).deploy(targets).ok()).isTrue();
        Files.writeString(fleet.migrations.resolve("V3__labels.sql"), "CREATE TABLE labels (id INT);\n");
        SchemaDiff dryRunOfTheFirstEdit = new SchemaDiff(List.of(new SchemaDiff.Change(SchemaDiff.Kind.TABLE,
                SchemaDiff.Action.ADDED, "tags", "1 column(s)")));
        for (TenantTarget target : targets) {
            fleet.plane.dryRuns().record(target.tenant().id(), List.of("3"), DryRunStore.checksums(List.of("3"), fleet.loaded()),
                    "success", dryRunOfTheFirstEdit);
        }
        Files.writeString(fleet.migrations.resolve("V3__labels.sql"), "CREATE TABLE labels (id INT, name TEXT);\n");
        fleet.plane.dryRuns().record(TenantId.of("t001"), List.of("3"), DryRunStore.checksums(List.of("3"), fleet.loaded()),
                "success", new SchemaDiff(List.of(new SchemaDiff.Change(SchemaDiff.Kind.TABLE, SchemaDiff.Action.ADDED,
                        "labels", "2 column(s)"))));

        DeployResult result = fleet.runner(Fleet.options(2, true).withVerify(VerifyOptions.DEFAULTS)).deploy(targets);

        assertThat(result.ok()).as(errors(result)).isTrue();
        CheckResult rewritten = expectedObjects(TenantId.of("t000"));
        assertThat(rewritten.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(rewritten.message()).isEqualTo("no dry run of 3 on this tenant, of the files as deployed, to compare with"
                + " (one of another file under the same version, rewritten since, does not count): dry-run migrations as they"
                + " are before deploying them (flotilla dry-run)");
        CheckResult same = expectedObjects(TenantId.of("t001"));
        assertThat(same.status()).as(same.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(same.message()).startsWith("1 object(s)");
    }

    private CheckResult expectedObjects(TenantId tenant) {
        return fleet.plane.verifications().latest(tenant).orElseThrow().results().stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();
    }

    @Test
    void checks_after_each_tenant_fail_the_tenant_that_lost_rows_and_every_result_is_recorded() throws Exception {
        List<TenantTarget> targets = fleet.targets(0, 3);
        assertThat(fleet.runner(Fleet.options(2, true)).deploy(targets).ok()).isTrue();
        Files.writeString(fleet.migrations.resolve("V3__purge.sql"), "DELETE FROM notes WHERE body = '${tenant}' AND '${tenant}' = 't001';\n");
        fleet.plane.dryRuns().record(TenantId.of("t000"), List.of("3"), DryRunStore.checksums(List.of("3"), fleet.loaded()),
                "success", new dev.flotilla.schema.SchemaDiff(List.of()));

        DeployResult result = fleet.runner(Fleet.options(2, true).withVerify(VerifyOptions.DEFAULTS)).deploy(targets);

        assertThat(result.tasks()).extracting(t -> t.tenant().value(), TaskResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t000", dev.flotilla.control.TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("t001", dev.flotilla.control.TaskStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("t002", dev.flotilla.control.TaskStatus.SUCCEEDED));
        TaskResult failed = result.tasks().get(1);
        assertThat(failed.code()).isEqualTo(ErrorCode.CHECK_FAILED);
        assertThat(failed.error()).contains("row-counts failed", "notes: 1 row(s) before, 0 after (1 lost)");
        assertThat(failed.migration()).as("the check looked after the last migration the task applied").isEqualTo("3");
        assertThat(failed.check()).isEqualTo("row-counts");
        assertThat(fleet.plane.deployments().tasks(result.deployment())).as("kept for deployments show")
                .extracting(t -> t.tenant().value(), TaskRecord::migration, TaskRecord::check).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("t000", null, null),
                        org.assertj.core.groups.Tuple.tuple("t001", "3", "row-counts"),
                        org.assertj.core.groups.Tuple.tuple("t002", null, null));
        assertThat(fleet.plane.tenants().find(TenantId.of("t001")).orElseThrow().status()).isEqualTo("failed-verification");
        var recorded = fleet.plane.verifications().latest(TenantId.of("t000")).orElseThrow();
        assertThat(recorded.ok()).isTrue();
        assertThat(recorded.deployment()).isEqualTo(result.deployment());
        assertThat(recorded.results()).extracting(CheckResult::id, CheckResult::status).contains(
                org.assertj.core.groups.Tuple.tuple("row-counts", CheckStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("history", CheckStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("expected-objects", CheckStatus.PASSED));
        assertThat(fleet.plane.verifications().latest(TenantId.of("t002")).orElseThrow().results())
                .filteredOn(r -> r.id().equals("expected-objects")).extracting(CheckResult::status).containsExactly(CheckStatus.SKIPPED);
    }
}
