package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A fleet deployment's hooks on PostgreSQL schemas: around the deployment and around each tenant (commands and HTTP), in
 * order, and what a failing one fails.
 */
class FleetHooksPostgresIT extends PostgresFleetFixture {
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
                    assertThat(e.getMessage()).as("the hook's words end before ours begin").contains("pw=****. Nothing ran: ");
                });
        assertThat(fleet.plane.deployments().page(0, 1)).singleElement().satisfies(d -> {
            assertThat(d.status()).as("ended, not left running").isEqualTo(DeploymentStatus.FAILED);
            assertThat(d.pending()).isEqualTo(1);
        });
    }

    @Test
    void a_hook_that_prints_the_control_planes_password_has_it_masked_in_the_tasks_error_and_log_as_kept() {
        String secret = "PlaneS3cret-" + java.util.UUID.randomUUID();
        try (dev.flotilla.control.ControlPlane guarded = dev.flotilla.control.ControlPlane.open("jdbc:h2:mem:cp_"
                + dev.flotilla.testing.TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", dev.flotilla.target.Secret.of(secret))) {
            List<TenantTarget> targets = fleet.targets(0, 2);
            targets.forEach(t -> guarded.tenants().add(t.tenant()));
            FleetOptions options = Fleet.options(1, true).withHooks(new Hooks(null, null,
                    "[ ${tenant} = t000 ] || { echo plane=" + secret + "; exit 3; }", "echo after=" + secret + "; exit 4"));

            DeployResult result = new FleetRunner(guarded, fleet.template(), fleet.loaded(), options, FleetListener.SILENT)
                    .deploy(targets);

            assertThat(result.tasks()).extracting(TaskResult::error).allSatisfy(error ->
                    assertThat(error).contains("****").doesNotContain(secret));
            assertThat(guarded.deployments().tasks(result.deployment())).hasSize(2).allSatisfy(task -> {
                assertThat(task.error()).as("what the console and the API show").contains("****").doesNotContain(secret);
                assertThat(String.valueOf(task.log())).doesNotContain(secret);
            });
        }
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
}
