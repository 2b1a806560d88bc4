package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.control.Runner;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.run.CommandLineStart;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a deployment's page says of who started it and of the backups kept from before it: for one the command line
 * started (no console request), and for each reason a deployment keeps none that it can tell.
 */
class DeploymentFactsIT extends ConsoleOverHttp {
    @Test
    void a_deployment_started_from_the_command_line_names_its_os_user_host_and_process_and_that_no_console_request_is_on_record()
            throws Exception {
        String id = fromCommandLine("alice", demo.fleet.deployAs("alice"), "2", "default");
        onControlPlane("UPDATE deployments SET runner = 'ci-runner-3:4242 pidns 4026531836' WHERE id = '" + id + "'");

        String page = get("/deployments/" + id, null, adminSession()).body();

        assertThat(page).contains("<p id=\"deployment-asked\">Started from the command line by alice on ci-runner-3, process 4242:"
                + " no console or API request is on record.</p>").doesNotContain("Asked for by").doesNotContain(TENANCY_SECRET);
        assertThat(page).as("its backup, as the demo's backup.dir is on").contains("Backups kept from before it: 1 tenant(s) in 1 file(s)");
    }

    @Test
    void a_deployment_the_command_line_started_names_its_selection_and_the_process_it_started_in_after_a_resume_elsewhere()
            throws Exception {
        var all = demo.fleet.loadMigrations();
        var targets = demo.fleet.targets(List.of(demo.fleet.plane().tenants().find(TenantId.of("default")).orElseThrow().tenant()));
        String id = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), all, demo.fleet.deployAs("alice"),
                FleetListener.SILENT).upTo(MigrationVersion.parse("2")).deploy(targets, CommandLineStart.here("--tenants default"))
                .deployment();
        // As a resume in another process leaves it: the runner label names that process, not the one it started in.
        onControlPlane("UPDATE deployments SET runner = 'ci-runner-9:77 pidns 4026531836' WHERE id = '" + id + "'");
        demo.fleet.plane().audit().record("bob", "deploy.resumed", null, id, "0 task(s) reopened", "ok", null);
        Runner.Label here = Runner.Label.parse(Runner.current()).orElseThrow();

        assertThat(get("/deployments/" + id, null, adminSession()).body()).contains("<p id=\"deployment-asked\">Started from the"
                + " command line by alice on " + here.host() + ", process " + here.pid() + ", selecting --tenants default:"
                + " no console or API request is on record.</p>");
    }

    @Test
    void a_rollback_the_command_line_started_names_what_it_undid_and_the_process_it_started_in_as_a_deploy_does()
            throws Exception {
        String deployment = fromCommandLine("alice", demo.fleet.deployAs("alice"), "3", "default");
        var registered = demo.fleet.targets(demo.fleet.plane().tenants().all().stream().map(r -> r.tenant()).toList());
        String rollback = new dev.flotilla.run.FleetRollback(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(),
                demo.fleet.deployAs("alice"), FleetListener.SILENT).fromCommandLine(CommandLineStart.here("--deployment "
                + deployment)).deployment(deployment, registered).deployment();
        Runner.Label here = Runner.Label.parse(Runner.current()).orElseThrow();

        assertThat(get("/deployments/" + rollback, null, adminSession()).body()).contains("<p id=\"deployment-asked\">Started from"
                + " the command line by alice on " + here.host() + ", process " + here.pid() + ", selecting --deployment "
                + deployment + ": no console or API request is on record.</p>",
                "<p>Schema changes, as the down files' statements that ran read (each tenant's log says its own):</p>",
                "<li>Dropped: table notification_configurations, index idx_ticket_unspawned, index uniq_ticket_seq, table"
                        + " serial_quarantine, table token_spawn_log, table serial_link_outbox on 1 tenant(s)</li>");
    }

    @Test
    void a_deployment_that_kept_some_tenants_backups_names_the_others_and_why_they_have_none() throws Exception {
        demo.fleet.plane().tenants().add(new Tenant(TenantId.of("atelier_neuf"), "Atelier Neuf", null, null, List.of()));
        String token = demo.accounts.createToken("admin", "ci");
        String id = json(deploy(token, "3", List.of("default", "atelier_neuf"), "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);

        assertThat(get("/deployments/" + id, null, adminSession()).body()).contains("<p id=\"deployment-backups\">Backups kept"
                + " from before it: 1 tenant(s) in 1 file(s), each listed on its tenant's page to restore; none of the others:"
                + " 1 tenant(s) held nothing to back up yet (no table, no history): atelier_neuf.</p>");
    }

    @Test
    void a_deployment_this_console_runs_whose_request_is_not_recorded_yet_is_not_said_to_come_from_the_command_line()
            throws Exception {
        // As the console's own deployment is for an instant: created and run in this process, its request entry not written.
        String id = fromCommandLine("alice", demo.fleet.deployAs("alice"), "2", "default");

        String page = get("/deployments/" + id, null, adminSession()).body();

        assertThat(page).contains("<p id=\"deployment-asked\">Started from this console by alice a moment ago: its request is"
                + " being recorded.</p>").doesNotContain("command line");
        demo.fleet.plane().audit().record("alice", "deploy.requested", null, id, "version 2 on default", "ok", null);
        assertThat(get("/deployments/" + id, null, adminSession()).body()).contains("<p id=\"deployment-asked\">Asked for by"
                + " alice: version 2 on default</p>");
    }

    @Test
    void a_deployment_recorded_with_backups_off_says_so_though_its_tenant_failed_before_a_backup_was_due() throws Exception {
        FleetOptions d = demo.fleet.deployAs("alice");
        FleetOptions failingHook = new FleetOptions(d.concurrency(), d.perServer(), d.canary(), d.canaryPercent(),
                d.continueOnError(), 0, d.retryBackoff(), new dev.flotilla.run.Hooks(null, null, "exit 3", null), d.actor(),
                d.verify(), null);
        String id = fromCommandLine("alice", failingHook, "2", "default");

        assertThat(get("/deployments/" + id, null, adminSession()).body()).contains("<p id=\"deployment-backups\">Backups kept"
                + " from before it: none: backups were off when it ran (deploy.backup: false in the configuration it ran with).</p>");
    }

    @Test
    void a_deployment_run_with_backups_off_says_so_and_one_run_with_skip_backup_names_who_skipped_them() throws Exception {
        String off = fromCommandLine("alice", demo.fleet.deployAs("alice").withBackup(null), "2", "default");
        String skipped = fromCommandLine("bob", demo.fleet.deployAs("bob").withBackup(null), "2", "bistro_lumiere");
        // As `deploy --skip-backup` records it once the deployment exists, where deploy.backup asks for backups.
        demo.fleet.plane().audit().record("bob", "deploy.backup-skipped", null, skipped,
                "1 tenant(s) selected to deploy without a backup (--skip-backup)", "ok", null);
        String session = adminSession();

        assertThat(get("/deployments/" + off, null, session).body()).contains("<p id=\"deployment-backups\">Backups kept from"
                + " before it: none: backups were off when it ran (deploy.backup: false in the configuration it ran with).</p>");
        assertThat(get("/deployments/" + skipped, null, session).body()).contains("<p id=\"deployment-backups\">Backups kept from"
                + " before it: none: skipped with --skip-backup by bob (audited).</p>");
    }

    @Test
    void a_deployment_whose_backup_failed_says_on_which_tenant_and_why_without_the_tenancy_password() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("backups-is-a-file"), "");
        String id = fromCommandLine("alice", demo.fleet.deployAs("alice").withBackup(new BackupPolicy(notAFolder.resolve("b"), 3)),
                "2", "default");

        String page = get("/deployments/" + id, null, adminSession()).body();

        assertThat(page).containsPattern("<p id=\"deployment-backups\">Backups kept from before it: none: the backup failed on 1"
                + " tenant\\(s\\), so nothing was applied there; on default: Backing up [^<]* failed: cannot write under [^<]*"
                + "backups-is-a-file[^<]*\\. Check backup\\.dir\\.</p>");
        assertThat(page).doesNotContain(TENANCY_SECRET);
    }

    @Test
    void a_deployment_whose_backups_backup_keep_deleted_since_says_so() throws Exception {
        BackupPolicy keepOne = new BackupPolicy(folder.resolve("kept-once"), 1);
        String first = fromCommandLine("alice", demo.fleet.deployAs("alice").withBackup(keepOne), "2", "default");
        String second = fromCommandLine("alice", demo.fleet.deployAs("alice").withBackup(keepOne), "3", "default");
        String session = adminSession();

        assertThat(get("/deployments/" + first, null, session).body()).contains("Backups kept from before it: none: the files it"
                + " took were deleted since, as backup.keep keeps only the newest runs' backups.</p>");
        assertThat(get("/deployments/" + second, null, session).body()).contains("Backups kept from before it: 1 tenant(s) in 1 file(s)");
    }

    @Test
    void a_deployment_to_a_new_tenant_holding_nothing_yet_says_there_was_nothing_to_back_up() throws Exception {
        demo.fleet.plane().tenants().add(new Tenant(TenantId.of("atelier_neuf"), "Atelier Neuf", null, null, List.of()));
        String token = demo.accounts.createToken("admin", "ci");
        String id = json(deploy(token, "3", List.of("atelier_neuf"), "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);

        String page = get("/deployments/" + id, null, adminSession()).body();

        assertThat(page).contains("<p id=\"deployment-asked\">Asked for by admin: ", "version 1 on 1 tenant(s)",
                "Backups kept from before it: none: 1 tenant(s) held nothing to back up yet (no table, no history).</p>");
        assertThat(page).doesNotContain(TENANCY_SECRET);
    }

    @Test
    void the_request_names_its_versions_and_tenants_separated_by_a_comma_and_a_space() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String id = json(post("/api/v1/deployments", token, "{\"versions\": [\"2\", \"3\"], \"tenants\":"
                + " [\"default\", \"bistro_lumiere\"]}")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);

        assertThat(get("/deployments/" + id, null, adminSession()).body()).contains("<p id=\"deployment-asked\">Asked for by"
                + " admin: versions 2, 3; 2 tenant(s): default, bistro_lumiere</p>");
    }

    @Test
    void a_deployment_whose_tenant_failed_before_its_backup_says_so_rather_than_that_backups_were_off() throws Exception {
        FleetOptions d = demo.fleet.deployAs("alice");
        FleetOptions failingHook = new FleetOptions(d.concurrency(), d.perServer(), d.canary(), d.canaryPercent(),
                d.continueOnError(), 0, d.retryBackoff(), new dev.flotilla.run.Hooks(null, null, "exit 3", null), d.actor(),
                d.verify(), d.backup());
        String id = fromCommandLine("alice", failingHook, "2", "default");

        assertThat(get("/deployments/" + id, null, adminSession()).body()).contains("<p id=\"deployment-backups\">Backups kept"
                + " from before it: none: 1 tenant(s) ended before their backup (failed, stopped or skipped first).</p>");
    }

    @Test
    void a_deployments_results_list_the_tables_indexes_and_constraints_it_created_as_seed_000_step_6_expects() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String id = json(deploy(token, "2", List.of("maison_atelier", "default"), "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);

        String page = get("/deployments/" + id, null, adminSession()).body();

        assertThat(page).contains("<div id=\"deployment-changes\"><p>Schema changes, as the statements that ran read (each"
                + " tenant's log says its own):</p>\n<ul class=\"diff\">"
                + "<li>Tables created: serial_link_outbox, token_spawn_log, serial_quarantine on 2 tenant(s)</li>"
                + "<li>Indexes added: idx_serial_link_outbox_ticket, idx_token_spawn_log_ticket, idx_serial_quarantine_ticket,"
                + " uniq_ticket_seq, idx_ticket_unspawned on 2 tenant(s)</li>"
                + "<li>Constraints added: serial_link_outbox: foreign key (ticket_id), token_spawn_log: foreign key"
                + " (ticket_id), serial_quarantine: foreign key (ticket_id), uniq_ticket_seq on 2 tenant(s)</li></ul></div>");
        assertThat(page).as("each tenant's log, a named one with its table").contains("  tables created:"
                + " serial_link_outbox, token_spawn_log, serial_quarantine\n", ", uniq_ticket_seq on job_ticket_serial\n");
        var task = json(get("/api/v1/deployments/" + id, token)).path("tasks").path(0);
        assertThat(task.path("schemaChanges").path("constraintsAdded").toString()).isEqualTo("[\"serial_link_outbox:"
                + " foreign key (ticket_id)\",\"token_spawn_log: foreign key (ticket_id)\",\"serial_quarantine: foreign key"
                + " (ticket_id)\",\"uniq_ticket_seq\"]");
        assertThat(task.path("schemaChanges").has("dropped")).isFalse();
    }

    /**
     * Deploys up to {@code version} to {@code tenant} as {@code flotilla deploy} does, run by {@code user}: through the
     * engine, on the console's control plane, with no console request; its id.
     */
    private String fromCommandLine(String user, FleetOptions options, String version, String tenant) {
        var all = demo.fleet.loadMigrations();
        var targets = demo.fleet.targets(List.of(demo.fleet.plane().tenants().find(TenantId.of(tenant)).orElseThrow().tenant()));
        return new FleetRunner(demo.fleet.plane(), demo.fleet.template(), all, options, FleetListener.SILENT)
                .upTo(MigrationVersion.parse(version)).deploy(targets).deployment();
    }
}
