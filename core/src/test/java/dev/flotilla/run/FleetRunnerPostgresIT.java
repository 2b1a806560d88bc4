package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.ErrorCode;
import dev.flotilla.control.DryRunStore;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.VerifyOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Fleet deployments to 200 PostgreSQL schemas, one per tenant. */
class FleetRunnerPostgresIT extends FleetRunnerContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    Tenancy sharedTenancy(String schema) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, schema, TestDatabases.POSTGRES_USER,
                null, null);
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
        fleet.plane.deployments().taskFinished(id, targets.get(0).tenant().id(), TaskStatus.SUCCEEDED, List.of("1", "2"), null, null, "",
                java.time.Instant.now());
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
    void hooks_run_in_order_around_the_deployment_and_each_tenant() throws Exception {
        Path log = temp.resolve("hooks.log");
        String append = " >> " + log;
        Hooks hooks = new Hooks("echo before-deployment $FLOTILLA_DEPLOYMENT" + append,
                "echo after-deployment ${deployment}" + append,
                "echo before ${tenant} $FLOTILLA_TENANT $FLOTILLA_EVENT" + append, "echo after $FLOTILLA_TENANT" + append);
        FleetOptions options = new FleetOptions(1, 1, List.of(), 0, false, 0, null, hooks, "test");

        DeployResult result = fleet.runner(options).deploy(fleet.targets(0, 3));

        assertThat(result.ok()).as(errors(result)).isTrue();
        String id = result.deployment();
        assertThat(Files.readAllLines(log)).containsExactly("before-deployment " + id,
                "before t000 t000 beforeTenant", "after t000", "before t001 t001 beforeTenant", "after t001",
                "before t002 t002 beforeTenant", "after t002", "after-deployment " + id);
    }

    @Test
    void an_http_hook_sees_the_tenant_migrating_and_a_failing_hook_fails_only_its_tenant() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/maintenance", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String tenant = body.replaceAll(".*\"tenant\":\"([^\"]+)\".*", "$1");
            String status = fleet.plane.tenants().find(TenantId.of(tenant)).orElseThrow().status();
            seen.add(tenant + " " + status + " " + body.contains("\"event\":\"beforeTenant\""));
            int code = tenant.equals("t001") ? 503 : 204;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/maintenance";
            FleetOptions options = new FleetOptions(1, 1, List.of(), 0, true, 0, Duration.ZERO,
                    new Hooks(null, null, url, null), "test");

            DeployResult result = fleet.runner(options).deploy(fleet.targets(0, 3));

            assertThat(seen).containsExactly("t000 migrating true", "t001 migrating true", "t002 migrating true");
            assertThat(result.tasks()).extracting(t -> t.tenant().value() + " " + t.status())
                    .containsExactlyInAnyOrder("t000 SUCCEEDED", "t001 FAILED", "t002 SUCCEEDED");
            TaskResult failed = result.tasks().stream().filter(t -> t.status() == TaskStatus.FAILED).findFirst().orElseThrow();
            assertThat(failed.error()).contains("beforeTenant", "HTTP 503");
            assertThat(applied(fleet.target("t001"))).as("nothing runs when the before hook fails").isEmpty();
        } finally {
            server.stop(0);
        }
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
        // Read together, a schema with tables but no history table also gets the plan's notice (one grouped query).
        assertThat(together).usingRecursiveFieldByFieldElementComparatorIgnoringFields("notice").isEqualTo(alone);
        assertThat(together).filteredOn(p -> p.notice() != null).extracting(TenantPlan::tenant)
                .containsExactly(tenants.get(25).tenant().id());
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
        fleet.tenants.removeIf(t -> t.id().value().equals("t900"));
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
    void a_deployment_hook_that_prints_a_tenants_password_fails_with_it_masked() {
        String secret = "HookS3cret-" + java.util.UUID.randomUUID();
        TenantTarget plain = fleet.targets(0, 1).get(0);
        dev.flotilla.target.TargetSpec spec = plain.target();
        TenantTarget withPassword = new TenantTarget(plain.tenant(), new dev.flotilla.target.TargetSpec(spec.url(), spec.user(),
                dev.flotilla.target.Secret.of(secret), spec.schema(), spec.historyTable()));
        FleetOptions options = Fleet.options(1, false).withHooks(new Hooks("echo pw=" + secret + " >&2; exit 3", null, null, null));

        assertThatThrownBy(() -> fleet.runner(options).deploy(List.of(withPassword)))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HOOK_FAILED);
                    assertThat(e.getMessage()).contains("beforeDeployment", "pw=****", "deploy --resume").doesNotContain(secret);
                });
        assertThat(fleet.plane.deployments().page(0, 1)).singleElement().satisfies(d -> {
            assertThat(d.status()).as("ended, not left running").isEqualTo(DeploymentStatus.FAILED);
            assertThat(d.pending()).isEqualTo(1);
        });
    }

    @Test
    void a_failing_after_deployment_hook_finishes_the_deployment_failed_with_every_task_as_it_ended() {
        FleetOptions options = Fleet.options(2, false).withHooks(new Hooks(null, "echo done >&2; exit 5", null, null));

        DeployResult result = fleet.runner(options).deploy(fleet.targets(0, 2));

        assertThat(result.ok()).isFalse();
        assertThat(result.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.SUCCEEDED));
        assertThat(result.afterDeployment().code()).isEqualTo(ErrorCode.HOOK_FAILED);
        assertThat(result.afterDeployment().message()).contains("afterDeployment", "ran as reported");
        assertThat(fleet.plane.deployments().require(result.deployment()).status()).as("finished, not left running")
                .isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void after_tenant_runs_also_for_a_tenant_whose_before_tenant_hook_failed() throws Exception {
        Path log = Files.createTempFile("hooks", ".log");
        try {
            FleetOptions options = Fleet.options(1, true).withHooks(new Hooks(null, null,
                    "echo before $FLOTILLA_TENANT >> " + log + "; exit 3", "echo after $FLOTILLA_TENANT >> " + log));

            DeployResult result = fleet.runner(options).deploy(fleet.targets(0, 1));

            assertThat(result.tasks()).singleElement().satisfies(t -> assertThat(t.code()).isEqualTo(ErrorCode.HOOK_FAILED));
            String tenant = fleet.targets(0, 1).get(0).tenant().id().value();
            assertThat(Files.readAllLines(log)).as("the maintenance switch is turned off again")
                    .containsExactly("before " + tenant, "after " + tenant);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void in_shared_schema_mode_the_migration_runs_once_for_all_tenants() throws Exception {
        String shared = prefix + "_shared";
        Tenancy tenancy = new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, shared,
                TestDatabases.POSTGRES_USER, null, null);
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
}
