package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line's actions in the audit log: each with its outcome, its tenants and its deployment. */
class CliAuditIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("""
            backup: { dir: saved, keep: 3 }
            checks:
              folder: checks
            """);

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("backup: false", "backup: true"));
        Files.createDirectories(fleet.folder.resolve("checks"));
        Files.writeString(fleet.folder.resolve("checks").resolve("notes.sql"), """
                -- check: one-note-per-tenant
                -- expect: rows 1
                SELECT id FROM notes;
                """);
        fleet.addTenants(3);
    }

    @Test
    void dry_runs_deploys_verify_backup_restore_and_repair_are_audited_with_outcome_tenants_and_deployment() throws Exception {
        assertThat(fleet.run("dry-run", "--all").exitCode()).isZero();
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--skip-backup", "--skip-checks");
        String deployment = FleetSetup.deploymentOf(deploy);
        fleet.sql("INSERT INTO \"" + fleet.schema("t01") + "\".notes VALUES (2, 'extra')");
        assertThat(fleet.run("verify", "--all").exitCode()).isEqualTo(1);
        String backup = fleet.run("backup", "--tenants", "t02", "--json").json().at("/data/backup").asText();
        CliRun restore = fleet.run("restore", "--backup", backup, "--tenants", "t02", "--yes");
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(fleet.run("repair", "--all").exitCode()).isZero();
        assertThat(fleet.run("drift", "--all").exitCode()).isZero();

        List<JsonNode> entries = entries(fleet.run("audit", "--limit", "100", "--json").json());
        List<JsonNode> ofT02 = entries(fleet.run("audit", "--tenant", "t02", "--action", "repair", "--json").json());

        JsonNode dryRun = only(entries, "dry-run.finished");
        assertThat(dryRun.get("outcome").asText()).isEqualTo("ok");
        assertThat(dryRun.get("details").asText()).startsWith("3 tenant(s): 3 success");
        assertThat(only(entries, "dry-run.started").get("details").asText()).startsWith("3 tenant(s): t00,t01,t02; --all");
        // What it was asked for and where it ran, as the deployment's runner label is overwritten by a resume elsewhere.
        dev.flotilla.control.Runner.Label here = dev.flotilla.control.Runner.Label.parse(dev.flotilla.control.Runner.current())
                .orElseThrow();
        assertThat(only(entries, "deploy.started").get("details").asText()).startsWith("3 tenant(s); concurrency=")
                .contains("skipChecks", "backup=off").endsWith("; --all; from " + here.host() + ", process " + here.pid());
        assertThat(only(entries, "deploy.backup-skipped").get("deployment").asText()).isEqualTo(deployment);
        JsonNode verify = only(entries, "verify");
        assertThat(verify.get("outcome").asText()).isEqualTo("failed");
        assertThat(verify.get("details").asText()).isEqualTo("3 tenant(s), 1 failed: t01");
        assertThat(only(entries, "backup").get("outcome").asText()).isEqualTo("ok");
        JsonNode restored = only(entries, "restore");
        assertThat(restored.get("outcome").asText()).isEqualTo("ok");
        assertThat(restored.get("tenant").asText()).isEqualTo("t02");
        assertThat(entries).filteredOn(e -> e.get("action").asText().equals("repair"))
                .extracting(e -> e.get("tenant").asText()).containsExactlyInAnyOrder("t00", "t01", "t02");
        assertThat(only(entries, "repair.finished").get("outcome").asText()).isEqualTo("ok");
        assertThat(ofT02).extracting(e -> e.get("action").asText()).containsExactly("repair");
        assertThat(ofT02.get(0).get("details").asText()).contains("Nothing to repair");
        assertThat(ofT02.get(0).get("outcome").asText()).isEqualTo("ok");
        assertThat(only(entries, "drift").get("details").asText()).startsWith("3 tenant(s)");
        assertThat(entries).as("every entry says its outcome, tenants added and deployments started included")
                .allSatisfy(e -> assertThat(e.get("outcome").asText()).as(e.toString()).isIn("ok", "failed", "denied"));
    }

    @Test
    void a_refused_rollback_and_restore_are_audited_denied_with_why_as_a_refused_repair_is_failed() throws Exception {
        String deployment = FleetSetup.deploymentOf(fleet.run("deploy", "--all", "--yes", "--skip-backup", "--skip-checks"));

        CliRun rollback = fleet.run("rollback", "--deployment", deployment, "--yes");
        CliRun restore = fleet.run("restore", "--backup", "manual-nope", "--tenants", "t00", "--yes");
        CliRun repair = fleet.run("repair", "--tenants", "t00", "--mark-undone", "2");
        CliRun badFlag = fleet.run("rollback", "--all", "--yes");
        List<JsonNode> entries = entries(fleet.run("audit", "--limit", "100", "--json").json());
        List<JsonNode> denied = entries.stream().filter(e -> e.get("outcome").asText().equals("denied")).toList();

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isNotZero();
        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isNotZero();
        assertThat(badFlag.exitCode()).as("no --steps or --to").isEqualTo(2);
        assertThat(denied).extracting(e -> e.get("action").asText())
                .as("each refusal once; the bad flag, refused before the control plane was opened, not at all")
                .containsExactlyInAnyOrder("rollback.requested", "restore.requested");
        assertThat(only(denied, "rollback.requested").get("details").asText()).startsWith("NO_DOWN_FILE: ")
                .contains("V1__notes.sql");
        assertThat(only(denied, "restore.requested").get("details").asText()).startsWith("BAD_USAGE: No backup manual-nope");
        assertThat(only(entries, "repair").get("outcome").asText()).as("the repair's own entry says its refusal").isEqualTo("failed");
        assertThat(entries).allSatisfy(e -> assertThat(e.toString()).doesNotContain(FleetSetup.SECRET));
    }

    @Test
    void a_rollback_s_start_entry_ends_as_a_deploy_s_does_with_what_it_was_asked_for_and_the_host_and_process() throws Exception {
        fleet.downFiles();
        String deployment = FleetSetup.deploymentOf(fleet.run("deploy", "--all", "--yes", "--skip-backup", "--skip-checks"));
        CliRun byVersion = fleet.run("rollback", "--tenants", "t00", "--to", "1", "--yes", "--skip-backup");
        assertThat(byVersion.exitCode()).as(byVersion.out() + byVersion.err()).isZero();
        CliRun whole = fleet.run("rollback", "--deployment", deployment, "--yes", "--skip-backup");
        assertThat(whole.exitCode()).as(whole.out() + whole.err()).isZero();

        dev.flotilla.control.Runner.Label here = dev.flotilla.control.Runner.Label.parse(dev.flotilla.control.Runner.current())
                .orElseThrow();
        List<String> started = entries(fleet.run("audit", "--action", "rollback.started", "--json").json()).stream()
                .map(e -> e.get("details").asText()).toList();
        String from = "; from " + here.host() + ", process " + here.pid();
        assertThat(started).containsExactly("3 tenant(s); undoes " + deployment + "; --deployment " + deployment + from,
                "1 tenant(s); to=1; --tenants t00" + from);
    }

    private static List<JsonNode> entries(JsonNode audit) {
        return StreamSupport.stream(audit.at("/data/entries").spliterator(), false).toList();
    }

    private static JsonNode only(List<JsonNode> entries, String action) {
        List<JsonNode> found = entries.stream().filter(e -> e.get("action").asText().equals(action)).toList();
        assertThat(found).as(action + " in " + entries).hasSize(1);
        return found.get(0);
    }
}
