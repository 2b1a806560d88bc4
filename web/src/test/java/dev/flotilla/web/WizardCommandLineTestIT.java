package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.fleet.MigrationFiles;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The wizard's test step offers a fleet dry run of the command line (a CI job's `flotilla dry-run`, recorded as the
 * CLI records it) that tested exactly its files and tenants, saying who ran it; taken, the deploy is gated on it as on
 * the wizard's own test. One of other tenants is not offered, and naming it is refused.
 */
class WizardCommandLineTestIT extends ConsoleOverHttp {
    private static final TenantId NORD = TenantId.of("atelier_nord");
    private static final TenantId DEFAULT = TenantId.of("default");

    @Test
    void a_command_line_dry_run_of_the_chosen_files_and_tenants_is_offered_and_the_deploy_goes_ahead_after_it() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        form.apply("/wizard/files", "version=2");
        form.apply("/wizard/tenants/toggle", "id=atelier_nord&selected=on");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        recordedFromCommandLine("cli-other", List.of(NORD));
        recordedFromCommandLine("cli-both", List.of(NORD, DEFAULT));

        String offered = get("/wizard/test", null, session).body();
        HttpResponse<String> other = form.apply("/wizard/test/use", "dryRun=cli-other");
        HttpResponse<String> used = form.apply("/wizard/test/use", "dryRun=cli-both");
        String using = get("/wizard/test", null, session).body();
        HttpResponse<String> deployed = form.apply("/wizard/deploy", "");

        assertThat(offered).contains("id=\"command-line-test-offered\"", "Or use dry run <code>cli-both</code>, run by"
                + " <strong>alice</strong> from the command line", "2 of 2 tenant(s) passed").doesNotContain("cli-other");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
        assertThat(other.body()).contains("The files or tenants chosen changed since the test.", "NOT_TESTED");
        assertThat(used.statusCode()).as(used.body()).isEqualTo(303);
        assertThat(using).contains("id=\"command-line-test-used\"", "Using dry run <code>cli-both</code>", "id=\"deploy\"");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(303);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(demo.fleet.plane().audit().newest(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("deploy.requested");
            assertThat(e.details()).contains("tested by dry run cli-both");
        });
    }

    /** A finished dry run of version 2 on these tenants, every one passed, as `flotilla dry-run` records it. */
    private void recordedFromCommandLine(String id, List<TenantId> tenants) {
        var plane = demo.fleet.plane();
        plane.dryRuns().startedFromCommandLine(id, "alice", List.of("2"),
                FleetDryRunRecord.checksums(MigrationFiles.upTo(demo.fleet.loadMigrations(), List.of("2"))), false, tenants);
        Map<TenantId, FleetDryRunRecord.Outcome> passed = new java.util.LinkedHashMap<>();
        tenants.forEach(t -> passed.put(t, new FleetDryRunRecord.Outcome("success", null)));
        plane.dryRuns().finished(id, 5, null, passed);
    }
}
