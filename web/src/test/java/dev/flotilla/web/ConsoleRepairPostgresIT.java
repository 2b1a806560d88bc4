package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.AuditLog;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Repairing a tenant a deploy left failed half-way, from its page and through the API, on a PostgreSQL shared schema
 * (acme and globex, one history table): V2 ran outside a transaction (CREATE INDEX CONCURRENTLY) and failed at its second
 * statement, its first one staying applied. A plain repair is refused as the command line refuses it (REPAIR_REFUSED,
 * naming the statement to undo), one with rerunFromStart removes the failed record for both tenants, each audited as
 * {@code repair} with its id; then there is nothing to repair (409), an unknown tenant is 404, an operator 403.
 */
class ConsoleRepairPostgresIT extends ConsoleOverHttp {
    private final String schema = TestDatabases.uniqueName();
    private final TargetSpec target = TestDatabases.postgres(schema);

    @Override
    DemoConsole newDemo() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("shared-migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n"
                + "CREATE INDEX orders_tenant ON orders (tenant_id);\n");
        Files.writeString(migrations.resolve("V2__orders_item.sql"), "CREATE INDEX CONCURRENTLY orders_item ON orders (item);\n"
                + "ALTER TABLE orders ADD COLUMN quantity int CHECK (quantity > 'many');\n");
        return SharedSchemaConsole.on(folder, schema, migrations, VerifyOptions.DEFAULTS);
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.drop(target);
    }

    @Test
    void the_api_refuses_a_repair_that_would_hide_an_applied_statement_then_repairs_both_sharers_to_rerun_from_start()
            throws Exception {
        failedHalfWay();
        String admin = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> operator = post("/api/v1/tenants/acme/repair", demo.accounts.createToken("olivia", "ci"), "");
        HttpResponse<String> unknown = post("/api/v1/tenants/nobody/repair", admin, "");
        HttpResponse<String> refused = post("/api/v1/tenants/acme/repair", admin, "");
        List<String> refusedAudit = repairAudit();
        HttpResponse<String> repaired = post("/api/v1/tenants/acme/repair", admin, "{\"rerunFromStart\": true}");
        HttpResponse<String> again = post("/api/v1/tenants/acme/repair", admin, "{}");

        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(403);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json(unknown).path("title").asText()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("title").asText()).isEqualTo("REPAIR_REFUSED");
        assertThat(json(refused).path("detail").asText()).contains("failed at statement 2", "statement 1 of it stays applied",
                "CREATE INDEX CONCURRENTLY orders_item", "repair --tenants acme --rerun-from-start", "globex");
        assertThat(refusedAudit).as("each sharer's refusal audited with its id, nothing more")
                .containsExactlyInAnyOrder("repair acme failed", "repair globex failed", "repair.finished acme failed");

        assertThat(repaired.statusCode()).as(repaired.body()).isEqualTo(200);
        JsonNode body = json(repaired);
        assertThat(body.path("tenants").findValuesAsText("id")).containsExactly("acme", "globex");
        assertThat(body.path("tenants").get(0).path("actions").get(0).asText()).startsWith("Removed the failed record of")
                .contains("version 2 (orders item)", "it will run again from its first statement");
        assertThat(body.path("shared").get(0).asText()).contains("acme shares", "with globex", "repaired for them too");
        assertThat(demo.fleet.plane().tenants().all()).extracting(r -> r.tenant().id().value() + " " + r.status())
                .containsExactlyInAnyOrder("acme pending", "globex pending");
        assertThat(repairAudit()).as("the repair of each tenant, by its id: deploy.requireTested reads it as a change")
                .contains("repair acme ok", "repair globex ok", "repair.finished acme ok");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).path("title").asText()).isEqualTo("NOTHING_TO_REPAIR");
        assertThat(json(again).path("errorCode").asText()).isEqualTo("NOTHING_TO_REPAIR");
        assertThat(json(again).path("detail").asText()).contains("records no failed migration");
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter(null, "repair.requested", null), 0, 10))
                .extracting(e -> e.actor() + " " + e.tenant() + " " + e.outcome())
                .containsExactlyInAnyOrder("admin nobody denied", "admin acme denied");
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("olivia", "denied", "acme"), 0, 10))
                .extracting(AuditLog.Entry::details).containsExactly("POST /api/v1/tenants/acme/repair needs deploy");
    }

    @Test
    void the_tenant_page_offers_the_repair_naming_the_sharers_and_shows_the_refusal_then_the_repair() throws Exception {
        failedHalfWay();
        String session = adminSession();

        String page = get("/tenants/acme", null, session).body();
        String asOperator = get("/tenants/acme", null, signIn("olivia", DemoConsole.OPERATOR_PASSWORD)).body();
        HttpResponse<String> refused = form(session, "/tenants/acme/repair", "");
        HttpResponse<String> repairing = form(session, "/tenants/acme/repair", "rerunFromStart=on");
        String location = repairing.headers().firstValue("Location").orElse("");
        List<String> audited = repairAudit();
        HttpResponse<String> repaired = get(location, null, session);
        HttpResponse<String> reloaded = get(location, null, session);
        String after = get("/tenants/acme", null, session).body();

        assertThat(page).contains("id=\"repair-form\"", "action=\"/tenants/acme/repair\"", "name=\"_csrf\"",
                "removes the failed record", "undoes no statement", "it is refused (REPAIR_REFUSED)",
                "also repairs\nthe history of tenants globex", "--rerun-from-start");
        assertThat(asOperator).contains("id=\"tenant-repair\"").doesNotContain("id=\"repair-form\"");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ConsoleNextStepsIT.unescaped(refused.body())).contains("Repair refused", "statement 1 of it stays applied",
                "CREATE INDEX CONCURRENTLY", "then run “Repair acme” on tenant acme's page, its --rerun-from-start box ticked"
                + " (on the command line: `flotilla repair --tenants acme --rerun-from-start`)");
        assertThat(repairing.statusCode()).as("Post/Redirect/Get: " + repairing.body()).isEqualTo(303);
        assertThat(location).matches("/tenants/acme/repairs/[0-9a-f]{16}");
        assertThat(repaired.statusCode()).as(repaired.body()).isEqualTo(200);
        assertThat(repaired.body()).contains("data-tenant=\"acme\"", "data-tenant=\"globex\"", "Removed the failed record of",
                "--rerun-from-start");
        assertThat(reloaded.statusCode()).as("a reload shows the result again: " + reloaded.body()).isEqualTo(200);
        assertThat(reloaded.body()).contains("data-tenant=\"acme\"", "Removed the failed record of")
                .doesNotContain("Nothing to repair");
        assertThat(repairAudit()).as("the reloads repaired nothing more").isEqualTo(audited);
        assertThat(get("/tenants/globex/repairs/" + location.substring(location.lastIndexOf('/') + 1), null, session)
                .statusCode()).as("kept for the tenant it repaired").isEqualTo(404);
        assertThat(after).doesNotContain("id=\"tenant-repair\"");
    }

    private List<String> repairAudit() {
        return demo.fleet.plane().audit().newest(50).stream().filter(e -> e.action().startsWith("repair") && !e.action().endsWith("requested"))
                .map(e -> e.action() + " " + e.tenant() + " " + e.outcome()).toList();
    }

    /** V1 and V2 deployed to both tenants (one shared schema) as the command line deploys them: V2 fails at statement 2. */
    private void failedHalfWay() {
        var tenants = demo.fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        var result = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(),
                FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS), FleetListener.SILENT).deploy(demo.fleet.targets(tenants));
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(demo.fleet.plane().tenants().find(TenantId.of("acme")).orElseThrow().status()).isEqualTo("failed");
    }
}
