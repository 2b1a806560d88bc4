package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet rollback that failed on a tenant, continued as its advice says (SQLite tenants). */
class CliRollbackRetryIT {
    @TempDir
    Path temp;

    @Test
    void a_failed_rollback_is_continued_by_the_command_its_advice_names_and_its_output_says_undone() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.migration("U1__notes.sql", "DROP TABLE notes;\n");
        fleet.migration("U2__tags.sql", "DROP TABLE tags;\n");
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        String deployment = id(deploy.out(), "Deployment");
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "DROP TABLE tags");
        }
        CliRun failed = fleet.run("rollback", "--deployment", deployment, "--yes", "--continue-on-error");
        String rollback = id(failed.out(), "Rollback");
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "CREATE TABLE tags (id INT PRIMARY KEY, name VARCHAR(20))");
        }

        CliRun again = fleet.run("rollback", "--deployment", deployment, "--yes");
        CliRun againJson = fleet.run("rollback", "--deployment", deployment, "--yes", "--json");
        CliRun retry = fleet.run("deploy", "--retry-failed", rollback, "--yes");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("continue that one: `flotilla deploy --retry-failed " + rollback + "`")
                .doesNotContain("rollback --resume");
        assertThat(againJson.json().at("/errors/0/commands").toString()).as("the command as a value")
                .isEqualTo("[\"flotilla deploy --retry-failed " + rollback + "\"]");
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("Rollback " + rollback + " retrying failed tenants", "succeeded b (versions 2, 1 undone")
                .doesNotContain("applied,");
        assertThat(fleet.run("plan", "--tenants", "b", "--json").json().at("/data/tenants/0/pending").toString())
                .isEqualTo("[\"1\",\"2\"]");
    }

    private static String id(String out, String noun) {
        Matcher matcher = Pattern.compile(noun + " (\\S+) started").matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group(1);
    }
}
