package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deploy after an applied migration file was edited, on PostgreSQL schemas: the plan, read before any deployment,
 * already finds the edit, so the deploy is refused up front instead of failing every tenant that has the file, and the
 * refusal is audited.
 */
class CliEditedMigrationIT {
    private static final Pattern REPAIR = Pattern.compile("`flotilla (repair [^`]*)`");

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void a_deploy_over_tenants_an_edited_file_blocks_records_nothing_and_the_printed_repair_lets_it_through() throws Exception {
        fleet.addTenants(4);
        fleet.conflictingTable("t01", "dedup");
        fleet.migration("V3__dedup.sql", "CREATE TABLE dedup (id INT PRIMARY KEY);\n");
        CliRun first = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".dedup");
        fleet.migration("V3__dedup.sql", "DROP TABLE IF EXISTS dedup;\nCREATE TABLE dedup (id INT PRIMARY KEY);\n");

        CliRun refused = fleet.run("deploy", "--all", "--yes", "--continue-on-error", "--json");
        CliRun said = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        JsonNode audited = fleet.run("audit", "--action", "deploy.requested", "--json").json().at("/data/entries");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.json().at("/data/deployment").isNull()).isTrue();
        assertThat(refused.json().at("/data/blocked").asInt()).isEqualTo(3);
        assertThat(refused.json().at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("CHECKSUM_MISMATCH");
            assertThat(e.get("migration").asText()).isEqualTo("3");
            assertThat(e.get("message").asText()).contains("V3__dedup.sql (version 3) was edited after it was applied on"
                    + " 3 tenant(s) (t00, t02, t03)", "no deployment was recorded", "Restore the file",
                    "`flotilla repair --tenants t00,t02,t03 --realign-checksums`", "deploy without these tenants");
        });
        assertThat(said.exitCode()).isEqualTo(1);
        assertThat(said.err()).contains("[CHECKSUM_MISMATCH] V3__dedup.sql (version 3) was edited");
        assertThat(said.out()).doesNotContain("Deployment ");
        assertThat(audited).as("each refusal, as the console audits it").hasSize(2).allSatisfy(e -> {
            assertThat(e.get("outcome").asText()).isEqualTo("denied");
            assertThat(e.get("deployment").isNull()).isTrue();
            assertThat(e.get("details").asText()).contains("V3__dedup.sql (version 3) was edited after it was applied on"
                    + " 3 tenant(s) (t00, t02, t03)");
        });
        assertThat(fleet.run("deployments", "list", "--json").json().at("/data/deployments")).hasSize(1);
        JsonNode status = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");
        assertThat(status).filteredOn(t -> t.get("status").asText().equals("failed"))
                .extracting(t -> t.get("id").asText()).containsExactly("t01");

        Matcher repair = REPAIR.matcher(refused.json().at("/errors/0/message").asText());
        assertThat(repair.find()).isTrue();
        CliRun repaired = fleet.run(repair.group(1).split(" "));
        CliRun deployed = fleet.run("deploy", "--all", "--yes", "--json");

        assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();
        assertThat(deployed.exitCode()).as(deployed.out() + deployed.err()).isZero();
        assertThat(deployed.json().at("/data/tenants").findValuesAsText("id")).containsExactly("t01");
        assertThat(fleet.applied("t01")).containsExactly("1", "2", "3");
    }

    @Test
    void an_edit_on_every_selected_tenant_names_the_selection_in_the_repair_and_a_deploy_without_them_goes_ahead()
            throws Exception {
        fleet.addTenants(3);
        assertThat(fleet.run("deploy", "--tenants", "t00,t02", "--yes").exitCode()).isZero();
        fleet.migration("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(30);\n");

        CliRun refused = fleet.run("deploy", "--group", "even", "--yes", "--continue-on-error");
        CliRun others = fleet.run("deploy", "--tenants", "t01", "--yes");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("V2__tags.sql (version 2) was edited after it was applied on 2 tenant(s)"
                + " (t00, t02)", "`flotilla repair --group even --realign-checksums`");
        assertThat(others.exitCode()).as(others.out() + others.err()).isZero();
        assertThat(fleet.applied("t01")).containsExactly("1", "2");
    }
}
