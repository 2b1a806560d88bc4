package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.AuditLog;
import dev.flotilla.run.Hooks;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deploy of the API without the backup or without the tenant hooks, as {@code deploy --skip-backup} and
 * {@code --no-maintenance}, or without the checks, as {@code --skip-checks}: recorded with the deployment, audited as the command line audits them, only for the role
 * that may deploy. The demo fleet takes backups, and here runs a beforeTenant hook that leaves a file per tenant.
 */
class ConsoleDeploySkipsIT extends ConsoleOverHttp {
    @Override
    DemoConsole newDemo() throws Exception {
        String hook = "touch '" + folder + "/maintenance-'\"$FLOTILLA_TENANT\"";
        return new DemoConsole(folder.resolve("fleet"), fleet -> {
            Tenancy t = fleet.tenancy();
            return new ConsoleFleet(fleet.plane(), new Tenancy(t.model(), t.url(), t.urlTemplate(), t.schemaTemplate(), "app",
                    Secret.of(TENANCY_SECRET), t.historyTable(), t.home()), fleet.template(),
                    fleet.deploy().withHooks(new Hooks(null, null, hook, null)), fleet.dryRun());
        });
    }

    @Test
    void a_deploy_asked_to_skip_the_backup_takes_none_and_is_audited_naming_who_as_the_command_lines() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> started = deploy(token, "2", List.of("default", "atelier_nord"), ", \"skipBackup\": true");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json(started).path("deployment").asText();
        assertThat(afterWork("/api/v1/deployments/" + id, token).at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(demo.fleet.plane().backups().keptFor(id).tenants()).isZero();
        assertThat(demo.fleet.plane().deployments().require(id).options()).contains("backup=off").doesNotContain("maintenance=off");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.backup-skipped", "deploy.requested")))
                .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome() + ": " + e.details())
                .contains("deploy.backup-skipped admin ok: 2 tenant(s) selected to deploy without a backup (--skip-backup)")
                .anyMatch(line -> line.startsWith("deploy.requested admin ok: ") && line.contains("; skip-backup"));
        assertThat(Files.exists(folder.resolve("maintenance-default"))).as("the tenant hooks ran as configured").isTrue();
        String page = get("/deployments/" + id, null, adminSession()).body();
        assertThat(page).contains("none: skipped with --skip-backup by admin (audited)").doesNotContain(TENANCY_SECRET);
    }

    @Test
    void a_deploy_asked_without_maintenance_runs_no_tenant_hook_and_records_it_for_its_resume() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        String id = json(deploy(token, "2", List.of("default"), ", \"noMaintenance\": true")).path("deployment").asText();

        afterWork("/api/v1/deployments/" + id, token);
        assertThat(Files.exists(folder.resolve("maintenance-default"))).as("no beforeTenant hook").isFalse();
        assertThat(demo.fleet.plane().deployments().require(id).options()).contains("maintenance=off").doesNotContain("backup=off");
        assertThat(demo.fleet.plane().backups().keptFor(id).tenants()).as("backed up as configured").isEqualTo(1);
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.started", "deploy.requested")))
                .extracting(AuditLog.Entry::details).anyMatch(d -> d.contains("maintenance=off"))
                .anyMatch(d -> d.contains("; no-maintenance"));
    }

    @Test
    void a_deploy_asked_to_skip_the_checks_runs_none_and_records_it_as_the_command_line() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        String id = json(deploy(token, "2", List.of("default"), ", \"skipChecks\": true")).path("deployment").asText();

        JsonNode shown = afterWork("/api/v1/deployments/" + id, token);
        assertThat(shown.at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(shown.at("/tasks/0/checks").isMissingNode() || shown.at("/tasks/0/checks").isNull()).as(shown.toString())
                .isTrue();
        assertThat(demo.fleet.plane().deployments().require(id).options()).contains("skipChecks").doesNotContain("backup=off");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.started", "deploy.requested")))
                .extracting(AuditLog.Entry::details).anyMatch(d -> d.contains("skipChecks")).anyMatch(d -> d.endsWith("; skip-checks"));
    }

    @Test
    void an_operator_asking_to_deploy_without_a_backup_is_refused_and_the_refusal_audited() throws Exception {
        String token = demo.accounts.createToken("olivia", "ci");
        int deployments = demo.fleet.plane().deployments().count();

        HttpResponse<String> refused = deploy(token, "2", List.of("default"), ", \"skipBackup\": true");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("errorCode").asText()).isEqualTo("FORBIDDEN");
        assertThat(demo.fleet.plane().deployments().count()).as("none started").isEqualTo(deployments);
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("olivia", "denied", null), 0, 5))
                .extracting(AuditLog.Entry::outcome).containsExactly("denied");
        assertThat(refused.body()).doesNotContain(TENANCY_SECRET);
    }

    @Test
    void skipping_the_backup_where_backups_are_off_already_records_no_skip() throws Exception {
        demo.close();
        demo = new DemoConsole(folder.resolve("off"), fleet -> new ConsoleFleet(fleet.plane(), fleet.tenancy(), fleet.template(),
                fleet.deploy().withBackup(null), fleet.dryRun()));
        String token = demo.accounts.createToken("admin", "ci");

        String id = json(deploy(token, "2", List.of("default"), ", \"skipBackup\": true")).path("deployment").asText();

        afterWork("/api/v1/deployments/" + id, token);
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.backup-skipped"))).as("as --skip-backup with"
                + " deploy.backup off: nothing was skipped").isEmpty();
    }
}
