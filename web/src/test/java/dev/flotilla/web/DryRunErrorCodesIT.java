package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.ErrorCode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.DryRunRecords;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each tenant's dry-run error code as the control plane keeps it (V23), read back by the API and the tenant's page: a
 * scratch copy not made (CLONE_FAILED) is not tested, a migration that failed on the copy failed, by the code whatever
 * words the error begins with; a tenant recorded before codes were kept is read by its words.
 */
class DryRunErrorCodesIT extends ConsoleOverHttp {
    private static final TenantId NORD = TenantId.of("atelier_nord");
    private static final TenantId DEFAULT = TenantId.of("default");
    private static final TenantId MAISON = TenantId.of("maison_atelier");
    private static final String COPY_NOT_MADE = "Copying the structure of t_atelier_nord into a scratch database for the dry"
            + " run failed: Access denied to database flotilla_dry_1a2b. Nothing of the target changed.";
    /** PostgreSQL's words when pg_dump waited too long for a table: a lock timeout while copying, not a copy not made. */
    private static final String COPY_WAITED = "Copying the structure of t_default waited more than 2 s (the lock timeout) for"
            + " a table: another session holds one of its tables.";
    private static final String MIGRATION_FAILED = "V2__serials.sql failed at statement 1: duplicate column serial";

    @Test
    void the_api_answers_each_tenants_error_code_and_whether_it_was_tested_from_the_control_planes_record() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        demo.fleet.plane().dryRuns().started("dry-recorded", "ops", List.of("2"), Map.of(), List.of(NORD, DEFAULT, MAISON));
        demo.fleet.plane().dryRuns().finished("dry-recorded", 5, null, Map.of(
                NORD, new FleetDryRunRecord.Outcome("error", COPY_NOT_MADE, "CLONE_FAILED"),
                DEFAULT, new FleetDryRunRecord.Outcome("error", COPY_WAITED, "LOCK_TIMEOUT"),
                MAISON, new FleetDryRunRecord.Outcome("error", COPY_NOT_MADE)));

        JsonNode answer = json(get("/api/v1/dry-runs/dry-recorded", token));
        Map<String, JsonNode> tenants = new java.util.HashMap<>();
        answer.path("tenants").forEach(t -> tenants.put(t.path("id").asText(), t));

        assertThat(answer.path("detailsAvailable").asBoolean(true)).as("the control plane's record").isFalse();
        assertThat(tenants.get("atelier_nord").path("errorCode").asText()).isEqualTo("CLONE_FAILED");
        assertThat(tenants.get("atelier_nord").path("notTested").asBoolean()).isTrue();
        assertThat(tenants.get("atelier_nord").path("status").asText()).isEqualTo("error");
        assertThat(tenants.get("default").path("errorCode").asText()).isEqualTo("LOCK_TIMEOUT");
        assertThat(tenants.get("default").path("notTested").asBoolean()).as("by its code, not its words").isFalse();
        assertThat(tenants.get("maison_atelier").path("errorCode").isNull()).as("recorded before codes were kept").isTrue();
        assertThat(tenants.get("maison_atelier").path("notTested").asBoolean()).as("read by its words").isTrue();
    }

    @Test
    void the_tenant_page_says_why_a_command_line_dry_run_failed_and_that_a_copy_not_made_was_not_tested() throws Exception {
        String session = adminSession();
        // What `flotilla dry-run --tenants atelier_nord,default` records of its tenants.
        DryRunRecords.record(demo.fleet.plane(), List.of(onACopy(NORD, ErrorCode.CLONE_FAILED, COPY_NOT_MADE),
                onACopy(DEFAULT, ErrorCode.SQL_ERROR, MIGRATION_FAILED)), new MigrationLoader(Set.of()).load("test", List.of()),
                demo.fleet.plane().tenants().all());

        String nord = lastDryRun(get("/tenants/atelier_nord", null, session).body());
        String failed = lastDryRun(get("/tenants/default", null, session).body());

        assertThat(nord).contains("<span class=\"warn\">not tested</span>", "id=\"tenant-dry-run-error\"", COPY_NOT_MADE)
                .doesNotContain(">error</span>", "why it failed is not kept");
        assertThat(failed).contains("<span class=\"bad\">error</span>", "id=\"tenant-dry-run-error\"", MIGRATION_FAILED)
                .doesNotContain("not tested", "why it failed is not kept");
    }

    private static String lastDryRun(String page) {
        return page.substring(page.indexOf("<h2>Last dry run</h2>"), page.indexOf("<h2>Last checks</h2>"));
    }

    /** A tenant's dry run on a scratch copy that ended with {@code code}, as the command line's fleet dry run gives it. */
    private static TenantDryRun onACopy(TenantId tenant, ErrorCode code, String error) {
        RunReport run = new RunReport("dry-run", "t_" + tenant.value(), "mariadb", List.of(), List.of(),
                List.of(new Problem(code, error, null)), 5);
        return new TenantDryRun(tenant, "t_" + tenant.value(), "t_" + tenant.value(),
                new DryRunReport(run, "clone", null, List.of(), List.of(), List.of(), null, true), null, null);
    }
}
