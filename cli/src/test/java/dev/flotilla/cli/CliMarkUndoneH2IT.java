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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet rollback whose down file fails half-way on H2 (each statement commits by itself): the user finishes it by
 * hand and {@code repair --mark-undone} records the version as undone, audited.
 */
class CliMarkUndoneH2IT {
    private static final List<String> TENANTS = List.of("east", "north");

    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:fxb_undone_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_rollback_finished_by_hand_is_recorded_undone_with_mark_undone_and_audited() throws Exception {
        String config = fleetWithVersion2HalfUndone();

        CliRun both = CliRun.of("repair", "--all", "--mark-applied", "2", "--mark-undone", "2", "--config", config);
        CliRun status = CliRun.of("status", "--url", url, "--user", "sa", "--schema", "east", "--migrations",
                temp.resolve("migrations").toString());
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String tenant : TENANTS) {
                s.execute("DROP TABLE \"" + tenant + "\".a"); // the rest of the down file, fixed, by hand
            }
        }
        CliRun repair = CliRun.of("repair", "--all", "--mark-undone", "2", "--json", "--config", config);

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--mark-applied and --mark-undone do not go together");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("rollback failed at statement 2 of U2__pair.sql: half undone");
        assertThat(status.out() + status.err()).contains("Statement 1 of U2__pair.sql ran and stays done",
                "`flotilla repair --mark-undone 2`").as("a single target's form").doesNotContain("--tenants");
        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.json().at("/data/tenants")).allSatisfy(t -> assertThat(t.get("actions").get(0).asText())
                .contains("Marked the rollback of version 2 (pair) as finished by hand", "version 2 is recorded as undone"));
        assertThat(CliRun.of("plan", "--all", "--json", "--config", config).json().at("/data/tenants"))
                .allSatisfy(t -> assertThat(t.get("pending").toString()).isEqualTo("[\"2\"]"));
        List<JsonNode> audit = StreamSupport.stream(CliRun.of("audit", "--action", "repair", "--json", "--config", config)
                .json().at("/data/entries").spliterator(), false).toList();
        assertThat(audit).filteredOn(e -> e.get("action").asText().equals("repair.finished")).singleElement()
                .satisfies(e -> assertThat(e.get("details").asText()).contains("marked 2 undone"));
        assertThat(audit).filteredOn(e -> e.get("action").asText().equals("repair")).hasSize(TENANTS.size())
                .allSatisfy(e -> assertThat(e.get("details").asText()).contains("recorded as undone"));
    }

    /** Both tenants at version 2, whose down file dropped b and then failed on a misspelt table: a is still there. */
    private String fleetWithVersion2HalfUndone() throws Exception {
        String config = H2Fleet.create(temp, url, "", Map.of("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n",
                "V2__pair.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n",
                "U2__pair.sql", "DROP TABLE b;\nDROP TABLE a_typo;\n"), TENANTS);
        CliRun deploy = CliRun.of("deploy", "--all", "--yes", "--config", config);
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        CliRun rollback = CliRun.of("rollback", "--all", "--steps", "1", "--yes", "--continue-on-error", "--config", config);
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertThat(rollback.out() + rollback.err()).contains("U2__pair.sql failed at statement 2 of 2",
                "flotilla repair --tenants ", " --mark-undone 2`");
        return config;
    }
}
