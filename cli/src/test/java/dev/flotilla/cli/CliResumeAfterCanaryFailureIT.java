package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deployment whose canary failed: what its skipped tenants say, and what resumes it (PostgreSQL schemas). */
class CliResumeAfterCanaryFailureIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(4);
        fleet.conflictingTable("t01", "notes");
    }

    @Test
    void a_resume_while_a_canary_failure_stands_is_refused_before_anything_is_recorded_and_names_what_works()
            throws Exception {
        JsonNode deploy = fleet.run("deploy", "--all", "--canary", "t00,t01", "--yes", "--json").json();
        String id = deploy.at("/data/deployment").asText();
        CliRun resume = fleet.run("deploy", "--resume", id, "--yes", "--json");
        List<String> actions = actions(fleet.run("audit", "--limit", "100", "--json").json());

        assertThat(deploy.at("/data/tenants")).as(deploy.toString()).extracting(t -> t.get("id").asText() + " "
                + t.get("wave").asInt() + " " + t.get("status").asText())
                .containsExactlyInAnyOrder("t00 0 succeeded", "t01 0 failed", "t02 1 skipped", "t03 1 skipped");
        assertThat(deploy.at("/data/tenants")).filteredOn(t -> t.get("status").asText().equals("skipped"))
                .allSatisfy(t -> assertThat(t.get("reason").asText()).isEqualTo("not started: canary t01 failed;"
                        + " fix it, then `flotilla deploy --retry-failed " + id + "` and `flotilla deploy --resume " + id
                        + "` runs it"));
        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isEqualTo(2);
        assertThat(resume.json().at("/errors/0/code").asText()).isEqualTo("BAD_USAGE");
        assertThat(resume.json().at("/errors/0/message").asText()).contains("canary t01 failed",
                "`flotilla deploy --retry-failed " + id + "`", "`flotilla deploy --resume " + id + "`",
                "`flotilla deploy --resume " + id + " --continue-on-error`", "Nothing was run");
        assertThat(resume.json().at("/errors/0/commands").toString()).as("the same commands as values").isEqualTo("[\"flotilla"
                + " deploy --retry-failed " + id + "\",\"flotilla deploy --resume " + id + "\",\"flotilla deploy --resume " + id
                + " --continue-on-error\"]");
        assertThat(actions).as("no entry of a resume that ran nothing").doesNotContain("deploy.resumed")
                .containsOnlyOnce("deploy.finished");
        assertThat(fleet.run("deployments", "show", id, "--json").json().at("/data/tasks"))
                .filteredOn(t -> t.get("status").asText().equals("skipped")).hasSize(2);
    }

    @Test
    void after_the_canary_is_retried_a_resume_runs_the_skipped_tenants() throws Exception {
        String id = FleetSetup.deploymentOf(fleet.run("deploy", "--all", "--canary", "t00,t01", "--yes"));
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".notes");

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes", "--json");
        CliRun resume = fleet.run("deploy", "--resume", id, "--yes", "--json");

        assertThat(retry.exitCode()).as("the deployment not done: " + retry.out() + retry.err()).isEqualTo(1);
        assertThat(retry.json().at("/errors/0/code").asText()).isEqualTo("DEPLOYMENT_STOPPED");
        assertThat(retry.json().at("/data/tenants")).extracting(t -> t.get("id").asText()).containsExactly("t01");
        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.json().at("/data/tenants")).extracting(t -> t.get("id").asText() + " " + t.get("status").asText())
                .containsExactlyInAnyOrder("t02 succeeded", "t03 succeeded");
        assertThat(fleet.applied("t03")).containsExactly("1", "2");
    }

    @Test
    void a_resume_with_continue_on_error_given_again_runs_the_rest_past_the_failed_canary() throws Exception {
        String id = FleetSetup.deploymentOf(fleet.run("deploy", "--all", "--canary", "t00,t01", "--yes"));

        CliRun resume = fleet.run("deploy", "--resume", id, "--continue-on-error", "--yes", "--json");

        assertThat(resume.exitCode()).as("t01 still failed").isEqualTo(1);
        assertThat(resume.json().at("/data/tenants")).extracting(t -> t.get("id").asText() + " " + t.get("status").asText())
                .containsExactlyInAnyOrder("t02 succeeded", "t03 succeeded", "t01 failed");
        assertThat(fleet.applied("t02")).containsExactly("1", "2");
    }

    @Test
    void the_progress_says_the_canary_wave_before_it_and_the_rest_once_it_succeeded() throws Exception {
        CliRun deploy = fleet.run("deploy", "--all", "--canary", "t00", "--yes");

        assertThat(deploy.out()).as(deploy.out() + deploy.err()).containsSubsequence(
                "Canary: t00 (1 tenant) first; the other 3 follow only if it succeeds.", "succeeded t00",
                "Canary succeeded: the other 3 tenant(s) now.", "FAILED t01");
    }

    @Test
    void the_progress_says_no_rest_after_canaries_of_which_one_failed() throws Exception {
        CliRun deploy = fleet.run("deploy", "--all", "--canary", "t00,t01", "--yes");

        assertThat(deploy.out()).as(deploy.out() + deploy.err())
                .contains("Canaries: t00, t01 (2 tenants) first; the other 2 follow only if they all succeed.")
                .doesNotContain("Canaries succeeded");
    }

    private static List<String> actions(JsonNode audit) {
        return StreamSupport.stream(audit.at("/data/entries").spliterator(), false).map(e -> e.get("action").asText()).toList();
    }
}
