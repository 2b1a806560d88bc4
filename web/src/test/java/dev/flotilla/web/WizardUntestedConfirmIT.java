package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.tenant.TenantId;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wizard's confirmation after a test whose scratch copy could not be made on a tenant (CLONE_FAILED, as a MariaDB
 * user without the grant on flotilla_dry_% gets it): nothing was tested there, so it says so, what that means for the
 * deploy (untested, not known to fail) and what to fix, rather than that the migration would fail again, half-applied.
 */
class WizardUntestedConfirmIT extends ConsoleOverHttp {
    /** The first problem of a MariaDB tenant's dry run whose user may not create the scratch database, as recorded. */
    private static final String COPY_FAILED = "Copying the structure of jdbc:mariadb://db1:3306/bgerp_t_atelier_nord into a"
            + " scratch database for the dry run failed: Access denied for user 'app'@'%' to database 'flotilla_dry_1a2b'. A dry"
            + " run copies the target into a scratch database (flotilla_dry_...) that the target's user creates and drops: allow"
            + " it, as a user who may grant: GRANT ALL ON `flotilla\\_dry\\_%`.* TO 'app'@'%'. Nothing of the target changed.";

    @Test
    void a_tenant_whose_copy_could_not_be_made_is_said_untested_with_what_to_fix_apart_from_one_whose_test_failed()
            throws Exception {
        String session = adminSession();
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        testedWithCopyFailedOnAtelierNord(session, "maison_atelier", "atelier_nord", "default");

        String confirm = get("/wizard/confirm", null, session).body();
        String untested = confirm.substring(confirm.indexOf("id=\"confirm-test-untested\""));
        untested = untested.substring(0, untested.indexOf("</div>"));

        assertThat(confirm).contains("<strong id=\"confirm-tenant-count\">1</strong> of the 3 chosen (those whose test failed or"
                + " could not run are left out, below)",
                "The test failed on 1 tenant(s)", "<li><strong>maison_atelier</strong>: ");
        assertThat(untested).contains("The test could not be run on 1 tenant(s): the scratch copy could not be made",
                "no migration was tried there, so a deploy to them would run untested (not known to fail)",
                "the user's grant on the scratch databases", "disk space", "<li><strong>atelier_nord</strong>: ",
                "GRANT ALL ON").doesNotContain("fail again", "half-applied", "maison_atelier");
        assertThat(confirm.substring(0, confirm.indexOf("id=\"confirm-test-untested\""))).doesNotContain("atelier_nord");
    }

    @Test
    void a_test_whose_only_trouble_is_a_copy_not_made_never_says_the_migration_would_fail_again() throws Exception {
        String session = adminSession();
        testedWithCopyFailedOnAtelierNord(session, "atelier_nord", "default");

        String confirm = get("/wizard/confirm", null, session).body();

        assertThat(confirm).contains("The test could not be run on 1 tenant(s)", "Deploy to the 1 tenant(s) whose test passed",
                "id=\"override-box\"", "including the 1 not tested")
                .doesNotContain("The test failed on", "fail again", "half-applied");
    }

    @Test
    void the_api_refusing_a_deploy_after_a_copy_not_made_says_untested_not_that_it_would_fail_again() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"atelier_nord\", \"default\"]}"))
                .path("id").asText();
        afterWork("/api/v1/dry-runs/" + dryRun, token);
        demo.fleet.plane().dryRuns().finished(dryRun, 5, null, Map.of(TenantId.of("atelier_nord"),
                new FleetDryRunRecord.Outcome("error", COPY_FAILED)));

        var refused = deploy(token, "2", java.util.List.of("atelier_nord", "default"), ", \"dryRun\": \"" + dryRun + "\"");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("detail").asText()).contains("atelier_nord", "scratch copy could not be made",
                "would run untested").doesNotContain("fail again", "half-applied");
    }

    /** The wizard's test of version 2 on these tenants, atelier_nord's outcome then recorded as a copy not made. */
    private void testedWithCopyFailedOnAtelierNord(String session, String... tenants) throws Exception {
        var form = formsOf(session);
        form.apply("/wizard/files", "version=2");
        for (String tenant : tenants) {
            form.apply("/wizard/tenants/toggle", "id=" + tenant + "&selected=on");
        }
        form.apply("/wizard/test", "");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        TenantId nord = TenantId.of("atelier_nord");
        String dryRun = demo.fleet.plane().dryRuns().latestTest(nord).orElseThrow().dryRun();
        demo.fleet.plane().dryRuns().finished(dryRun, 5, null, Map.of(nord, new FleetDryRunRecord.Outcome("error", COPY_FAILED)));
    }
}
