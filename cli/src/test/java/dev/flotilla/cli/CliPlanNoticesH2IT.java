package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code plan} notices of targets that have tables but no history table, or do not exist yet, on H2 schemas. */
class CliPlanNoticesH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_pn_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    private String fleetWithTablesButNoHistory(List<String> tenants) throws Exception {
        String config = H2Fleet.create(temp, url, "", Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"), tenants);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String tenant : tenants) {
                s.execute("CREATE SCHEMA \"" + tenant + "\"");
                s.execute("CREATE TABLE \"" + tenant + "\".legacy (id INT)");
            }
        }
        return config;
    }

    @Test
    void many_targets_with_the_same_notice_are_one_notice_naming_the_first_tenants_with_one_command_for_all() throws Exception {
        List<String> tenants = IntStream.rangeClosed(1, 8).mapToObj(i -> "t0" + i).toList();
        String config = fleetWithTablesButNoHistory(tenants);

        CliRun plan = CliRun.of("plan", "--all", "--config", config);
        JsonNode json = CliRun.of("plan", "--all", "--json", "--config", config).json();

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        List<String> notices = plan.out().lines().filter(l -> l.contains("notice")).toList();
        assertThat(notices).as(plan.out()).singleElement().asString().contains("t01, t02, t03, t04, t05 and 3 more",
                "8 tenant(s)", "but no history table",
                "`flotilla baseline --tenants t01,t02,t03,t04,t05 --version V` (and the same for 3 other tenant(s))",
                "`flotilla adopt --tenants t01,t02,t03,t04,t05 --from laravel|table:NAME`");
        assertThat(json.at("/data/tenants").findValuesAsText("notice")).as("--json lists each tenant").hasSize(8)
                .allSatisfy(n -> assertThat(n).contains("but no history table"));
        assertThat(json.at("/data/tenants/7/notice").asText()).contains("`flotilla baseline --tenants t08 --version V`");
        assertThat(json.at("/data/notices")).as("the lines the command prints, as GET /api/v1/plan gives them").hasSize(1);
        JsonNode line = json.at("/data/notices/0");
        assertThat(line.path("tenants")).extracting(JsonNode::asText).containsExactlyElementsOf(tenants);
        assertThat(line.path("grouped").asBoolean()).isTrue();
        assertThat(line.path("message").asText()).isEqualTo(notices.get(0).substring(notices.get(0).indexOf("t01, ")));
        assertThat(line.path("commands")).extracting(JsonNode::asText).as("its commands as they run")
                .anySatisfy(c -> assertThat(c).startsWith("flotilla baseline --tenants t01,t02,t03,t04,t05"));
    }

    @Test
    void a_target_alone_with_its_notice_keeps_its_own_line_and_command() throws Exception {
        String config = fleetWithTablesButNoHistory(List.of("acme"));

        CliRun plan = CliRun.of("plan", "--all", "--config", config);

        assertThat(plan.out().lines().filter(l -> l.contains("notice")).toList()).as(plan.out()).singleElement().asString()
                .contains("notice acme: ", "(schema acme) has 1 table(s) but no history table",
                        "`flotilla baseline --tenants acme --version V`");
    }

    @Test
    void targets_whose_schema_does_not_exist_yet_are_said_so_in_one_line_and_each_in_json() throws Exception {
        List<String> tenants = List.of("t01", "t02", "t03", "t04");
        String config = H2Fleet.create(temp, url, "", Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"), tenants);

        CliRun plan = CliRun.of("plan", "--all", "--config", config);
        JsonNode json = CliRun.of("plan", "--all", "--json", "--config", config).json();

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out().lines().filter(l -> l.contains("notice")).toList()).as(plan.out()).singleElement().asString()
                .contains("notice t01, t02, t03, t04, alike (4 tenant(s); as t01's reads): ", "(schema t01): its schema does"
                        + " not exist yet: a deploy would create it and run every migration from the first:"
                        + " `flotilla deploy --tenants t01,t02,t03,t04`. If its name is a typo, remove the tenant"
                        + " (`flotilla tenants remove t01 t02 t03 t04`)");
        assertThat(json.at("/data/tenants").findValuesAsText("status")).containsOnly("pending");
        assertThat(json.at("/data/tenants/3/notice").asText()).contains("(schema t04): its schema does not exist yet");
        assertThat(json.at("/data/notices/0/message").asText()).startsWith("t01, t02, t03, t04, alike (4 tenant(s); as t01's reads): ");
        assertThat(json.at("/data/notices/0/commands")).extracting(JsonNode::asText)
                .contains("flotilla deploy --tenants t01,t02,t03,t04");
    }

    @Test
    void a_plan_that_notices_nothing_has_no_notices_in_json() throws Exception {
        String config = H2Fleet.create(temp, url, "", Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"), List.of("acme"));
        CliRun.of("deploy", "--all", "--yes", "--config", config);

        JsonNode json = CliRun.of("plan", "--all", "--json", "--config", config).json();

        assertThat(json.at("/data/notices").isArray()).as(json.toString()).isTrue();
        assertThat(json.at("/data/notices")).isEmpty();
    }
}
