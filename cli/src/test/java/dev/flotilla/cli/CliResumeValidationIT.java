package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code deploy --resume} and {@code --retry-failed} after an applied file was edited, on PostgreSQL schemas: the
 * tenants they would run are planned first, as a new deploy's are, and the edit refuses them up front.
 */
class CliResumeValidationIT {
    private static final Pattern REPAIR = Pattern.compile("`flotilla (repair [^`]*)`");

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");
    String deployment;

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(4);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        // V3 fails on t01 (the table is there already); one at a time, t02 and t03 are then skipped.
        fleet.sql("CREATE TABLE " + fleet.schema("t01") + ".dedup (legacy INT)");
        fleet.migration("V3__dedup.sql", "CREATE TABLE dedup (id INT PRIMARY KEY);\n");
        CliRun failed = fleet.run("deploy", "--all", "--yes", "--concurrency", "1", "--json");
        assertThat(failed.json().at("/data/tenants").findValuesAsText("status"))
                .as(failed.out()).containsExactly("succeeded", "failed", "skipped", "skipped");
        deployment = failed.json().at("/data/deployment").asText();
        fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200));\n"
                + "INSERT INTO notes VALUES (1, '${tenant}');\n");
    }

    @Test
    void a_resume_over_an_edited_file_names_only_the_tenants_it_would_run_and_records_nothing() throws Exception {
        String tasksBefore = tasks();

        CliRun refused = fleet.run("deploy", "--resume", deployment, "--yes", "--json");
        CliRun said = fleet.run("deploy", "--resume", deployment, "--yes");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.json().at("/data/deployment").isNull()).isTrue();
        assertThat(refused.json().at("/data/blocked").asInt()).isEqualTo(2);
        assertThat(refused.json().at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("CHECKSUM_MISMATCH");
            assertThat(e.get("migration").asText()).isEqualTo("1");
            assertThat(e.get("message").asText()).contains("V1__notes.sql (version 1) was edited after it was applied on"
                    + " 2 tenant(s) (t02, t03)", "`flotilla repair --tenants t02,t03 --realign-checksums`",
                    "The resume of " + deployment + " was refused", "`flotilla deploy --resume " + deployment + "`");
            assertThat(e.get("commands").toString()).as("the repair and the resume it names, as values")
                    .isEqualTo("[\"flotilla repair --tenants t02,t03 --realign-checksums\",\"flotilla deploy --resume "
                            + deployment + "\"]");
        });
        assertThat(said.exitCode()).isEqualTo(1);
        assertThat(said.err()).contains("[CHECKSUM_MISMATCH] V1__notes.sql (version 1) was edited");
        assertThat(tasks()).as("no task reopened, tried or counted").isEqualTo(tasksBefore);
        assertThat(fleet.run("audit", "--json").out()).doesNotContain("deploy.resumed");
        assertThat(fleet.run("audit", "--action", "deploy.resume", "--json").json().at("/data/entries"))
                .as("each refused resume, as the console audits it").hasSize(2).allSatisfy(e -> {
                    assertThat(e.get("outcome").asText()).isEqualTo("denied");
                    assertThat(e.get("deployment").asText()).isEqualTo(deployment);
                    assertThat(e.get("details").asText()).contains("V1__notes.sql (version 1) was edited");
                });
    }

    @Test
    void without_yes_a_resume_over_an_edited_file_is_refused_for_the_file_before_any_confirmation_is_asked() {
        CliRun resume = fleet.run("deploy", "--resume", deployment);
        CliRun retry = fleet.run("deploy", "--retry-failed", deployment);

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isEqualTo(1);
        assertThat(resume.err()).contains("[CHECKSUM_MISMATCH] V1__notes.sql (version 1) was edited")
                .doesNotContain("pass --yes");
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isEqualTo(1);
        assertThat(retry.err()).contains("[CHECKSUM_MISMATCH]", "applied on 1 tenant(s) (t01)").doesNotContain("pass --yes");
    }

    @Test
    void a_retry_over_an_edited_file_names_the_failed_tenants_and_the_printed_repair_lets_the_resume_through()
            throws Exception {
        CliRun refused = fleet.run("deploy", "--retry-failed", deployment, "--yes", "--json");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.json().at("/errors")).singleElement().satisfies(e -> assertThat(e.get("message").asText())
                .contains("applied on 1 tenant(s) (t01)", "`flotilla repair --tenants t01 --realign-checksums`",
                        "The retry of " + deployment + " was refused"));
        Matcher repair = REPAIR.matcher(fleet.run("deploy", "--resume", deployment, "--yes", "--json")
                .json().at("/errors/0/message").asText());
        assertThat(repair.find()).isTrue();
        assertThat(fleet.run(repair.group(1).split(" ")).exitCode()).isZero();

        CliRun resumed = fleet.run("deploy", "--resume", deployment, "--yes", "--json");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(1);
        assertThat(resumed.json().at("/data/tenants").findValuesAsText("status"))
                .as("t01 stays failed: a resume leaves it to a retry").containsExactly("succeeded", "succeeded", "failed");
        assertThat(fleet.applied("t03")).containsExactly("1", "2", "3");
    }

    @Test
    void a_tenant_brought_up_to_date_by_hand_is_said_so_by_the_resume_rather_than_counted_as_work() throws Exception {
        fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
                + "INSERT INTO notes VALUES (1, '${tenant}');\n");
        CliRun byHand = CliRun.of("migrate", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--schema",
                fleet.schema("t02"), "--migrations", fleet.folder.resolve("migrations").toString());
        assertThat(byHand.exitCode()).as(byHand.out() + byHand.err()).isZero();

        CliRun resumed = fleet.run("deploy", "--resume", deployment, "--yes", "--json");

        JsonNode t02 = resumed.json().at("/data/tenants/0");
        assertThat(t02.get("id").asText()).as(resumed.out()).isEqualTo("t02");
        assertThat(t02.get("status").asText()).isEqualTo("succeeded");
        assertThat(t02.get("applied")).isEmpty();
        assertThat(t02.get("note").asText()).isEqualTo("already up to date, nothing applied");
        JsonNode t03 = resumed.json().at("/data/tenants/1");
        assertThat(t03.get("applied").toString()).isEqualTo("[\"3\"]");
        assertThat(t03.has("note")).as("t03 did get V3").isFalse();
    }

    @Test
    void deployments_show_names_the_migration_a_failed_task_failed_in_in_its_text_and_json() {
        CliRun text = fleet.run("deployments", "show", deployment);
        JsonNode tasks = fleet.run("deployments", "show", deployment, "--json").json().at("/data/tasks");

        assertThat(text.out()).containsPattern("t01 .*failed .*migration 3: ");
        assertThat(tasks.get(1).get("migration").asText()).as(tasks.toString()).isEqualTo("3");
        assertThat(tasks.get(1).get("check").isNull()).isTrue();
        assertThat(tasks.get(0).get("migration").isNull()).as("t00 succeeded").isTrue();
    }

    /** The deployment's tasks as {@code deployments show} has them. */
    private String tasks() {
        return fleet.run("deployments", "show", deployment, "--json").json().at("/data/tasks").toString();
    }
}
