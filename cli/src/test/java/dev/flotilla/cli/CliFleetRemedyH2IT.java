package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a fleet tenant's error names are runnable as printed: on H2, whose DDL commits each statement, a migration
 * that failed at its second statement keeps the first, and the repair its error says to run names the tenant.
 */
class CliFleetRemedyH2IT {
    private static final Pattern COMMAND = Pattern.compile("`flotilla ([^`]*)`");

    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_ck_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void the_repair_a_failed_tenants_deploy_error_prints_names_the_tenant_and_runs_as_printed() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n",
                "V2__tags.sql", "CREATE TABLE tags (id INT);\nINSERT INTO missing VALUES (1);\n"), List.of("m06", "m07"));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"m06\"");
            s.execute("CREATE TABLE \"m06\".missing (id INT)"); // only m07's V2 fails
        }
        JsonNode deploy = CliRun.of("deploy", "--all", "--yes", "--continue-on-error", "--json", "--config", config).json();
        String error = deploy.at("/errors/0/message").asText();
        String blocker = CliRun.of("plan", "--all", "--json", "--config", config).json().at("/errors/0/message").asText();

        assertThat(deploy.at("/errors/0/tenant").asText()).isEqualTo("m07");
        assertThat(error).contains("`flotilla repair --tenants m07 --rerun-from-start`",
                "`flotilla repair --tenants m07 --mark-applied 2`");
        assertThat(blocker).contains("`flotilla repair --tenants m07 --rerun-from-start`",
                "`flotilla repair --tenants m07 --mark-applied 2`");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE \"m07\".tags"); // the applied part undone by hand, as the error says
            s.execute("CREATE TABLE \"m07\".missing (id INT)");
        }
        Matcher rerun = COMMAND.matcher(error);
        assertThat(rerun.find()).isTrue();
        List<String> printed = new ArrayList<>(List.of(rerun.group(1).split(" ")));
        printed.addAll(List.of("--config", config));
        CliRun repair = CliRun.of(printed.toArray(String[]::new));
        CliRun again = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);

        assertThat(repair.exitCode()).as(String.join(" ", printed) + ": " + repair.out() + repair.err()).isZero();
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.json().at("/data/tenants").findValuesAsText("id")).containsExactly("m07");
    }
}
