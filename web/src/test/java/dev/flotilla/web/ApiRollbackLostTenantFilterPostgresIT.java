package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's rollback of a deployment on a PostgreSQL shared schema whose V2 set up row-level security on orders, its
 * down file switching it off: the guard lets it through (nothing is merged) and the answer's {@code notices} say that
 * the policy no longer keeps the tenants apart, as the confirmation page and the command line say it.
 */
class ApiRollbackLostTenantFilterPostgresIT extends ConsoleOverHttp {
    private final String schema = TestDatabases.uniqueName();
    private final TargetSpec target = TestDatabases.postgres(schema);

    @Override
    DemoConsole newDemo() throws Exception {
        return SharedSchemaConsole.withRowSecurity(folder, schema);
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.drop(target);
    }

    @Test
    void the_apis_rollback_answer_says_the_row_level_security_its_down_file_switches_off() throws Exception {
        FleetOptions options = FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS);
        var tenants = demo.fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        var deployed = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(), options,
                FleetListener.SILENT).deploy(demo.fleet.targets(tenants));
        assertThat(deployed.ok()).as(deployed.toString()).isTrue();
        TestDatabases.execute(target, "INSERT INTO " + schema + ".orders VALUES ('bolt', 'acme'), ('nut', 'globex')");
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> api = post("/api/v1/deployments/" + deployed.deployment() + "/rollback", token, "");

        assertThat(api.statusCode()).as(api.body()).isEqualTo(202);
        JsonNode notices = json(api).path("notices");
        assertThat(notices.size()).as(api.body()).isEqualTo(1);
        assertThat(notices.get(0).asText()).contains("U2__rls.sql switches row-level security off on orders: its policy"
                + " tenant_isolation (USING ", "every tenant's rows are visible", "flotilla tenancy rls");
        JsonNode rollback = afterWork("/api/v1/deployments/" + json(api).path("deployment").asText(), token);
        assertThat(rollback.toString()).contains("\"succeeded\"");
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().rowSecurity().enabled()).isFalse();
    }
}
