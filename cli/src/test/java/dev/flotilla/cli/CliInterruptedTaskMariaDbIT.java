package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy killed with SIGKILL on MariaDB while the second statement of its V2 waits for a user lock the test holds:
 * V2's first statement committed (MariaDB's DDL commits as it goes), so {@code deployments show} tells what the dead
 * process did from the target's history: V1 applied, V2 stopped part way with the statement that may or may not have
 * taken effect, and repair before the resume. So too a repeatable migration and a rollback's down file cut off the same
 * way, each with the ways on it has.
 */
class CliInterruptedTaskMariaDbIT {
    @TempDir
    Path temp;
    final String prefix = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String lock = prefix + "_lock";
    Path migrations;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                controlPlane:
                  heartbeat: 200ms
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s
                deploy:
                  backup: false
                  lockTimeout: 5m
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), TestDatabases.MARIADB_USER), StandardCharsets.UTF_8);
        migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n");
        Files.writeString(migrations.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT PRIMARY KEY);\n"
                + "SELECT GET_LOCK('" + lock + "', 300);\n"
                + "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
        sql("CREATE DATABASE " + prefix + "_t1");
        assertThat(flotilla("tenants", "add", "t1").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("DROP DATABASE IF EXISTS " + prefix + "_t1");
    }

    @Test
    void a_task_killed_between_statements_shows_v1_applied_v2_stopped_part_way_and_repair_before_the_resume() throws Exception {
        String id = killedWaiting("deploy", "--all", "--yes");

        CliRun shown = flotilla("deployments", "show", id, "--json");
        CliRun human = flotilla("deployments", "show", id);

        assertThat(shown.exitCode()).as(shown.out() + shown.err()).isZero();
        JsonNode task = shown.json().at("/data/tasks/0");
        assertThat(task.get("status").asText()).isEqualTo("interrupted");
        assertThat(task.get("errorCode").asText()).isEqualTo("INTERRUPTED");
        assertThat(task.get("applied")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(task.get("error").asText()).contains("stopped at", "history shows 1 applied",
                "V2__tags.sql stopped part way (statements before #2 committed; #2 may or may not have taken effect)",
                "finish V2__tags.sql by hand from statement #2 and run `flotilla repair --tenants t1 --mark-applied 2`",
                "or undo by hand what its statements #1 to #2 did and run `flotilla repair --tenants t1 --rerun-from-start`",
                "then `flotilla deploy --resume " + id + "`").doesNotContain("nothing after");
        assertThat(human.exitCode()).as(human.out() + human.err()).isZero();
        assertThat(human.out()).contains("interrupted", "V2__tags.sql stopped part way", "--mark-applied 2");
    }

    @Test
    void a_file_of_the_second_of_two_folders_cut_off_part_way_is_named_by_its_path() throws Exception {
        Path legacy = Files.createDirectories(temp.resolve("legacy"));
        Files.move(migrations.resolve("V2__tags.sql"), legacy.resolve("V2__tags.sql"));
        Path config = temp.resolve("flotilla.yml");
        Files.writeString(config, Files.readString(config).replace("migrations: migrations", "migrations: [migrations, legacy]"));
        String id = killedWaiting("deploy", "--all", "--yes");

        CliRun shown = flotilla("deployments", "show", id, "--json");
        CliRun human = flotilla("deployments", "show", id);

        String error = shown.json().at("/data/tasks/0/error").asText();
        assertThat(error).contains("legacy/V2__tags.sql stopped part way (statements before #2 committed")
                .matches("(?s).*, \\S*legacy/V2__tags\\.sql stopped part way.*")
                .matches("(?s).*finish \\S*legacy/V2__tags\\.sql by hand from statement #2.*");
        assertThat(human.out()).contains("legacy/V2__tags.sql stopped part way");
    }

    @Test
    void the_way_on_it_names_finishing_v2_by_hand_marking_it_applied_and_resuming_ends_the_deployment_succeeded()
            throws Exception {
        String id = killedWaiting("deploy", "--all", "--yes");
        flotilla("deployments", "show", id, "--json");

        sql("ALTER TABLE " + prefix + "_t1.notes ADD COLUMN tag VARCHAR(20)");
        CliRun repair = flotilla("repair", "--tenants", "t1", "--mark-applied", "2");
        CliRun resumed = flotilla("deploy", "--resume", id, "--yes", "--json");
        JsonNode after = flotilla("deployments", "show", id, "--json").json();

        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(after.at("/data/status").asText()).isEqualTo("succeeded");
        assertThat(after.at("/data/tasks/0/status").asText()).isEqualTo("succeeded");
    }

    @Test
    void a_repeatable_killed_between_statements_is_named_with_its_one_way_on_running_it_again_from_its_start()
            throws Exception {
        Files.writeString(migrations.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("R__views.sql"), "CREATE OR REPLACE VIEW note_ids AS SELECT id FROM notes;\n"
                + "SELECT GET_LOCK('" + lock + "', 300);\n" + "CREATE OR REPLACE VIEW tag_ids AS SELECT id FROM tags;\n");
        String id = killedWaiting("deploy", "--all", "--yes");

        JsonNode task = flotilla("deployments", "show", id, "--json").json().at("/data/tasks/0");
        CliRun refused = flotilla("repair", "--tenants", "t1");
        CliRun repaired = flotilla("repair", "--tenants", "t1", "--rerun-from-start");
        CliRun resumed = flotilla("deploy", "--resume", id, "--yes");

        assertThat(task.get("applied")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(task.get("error").asText()).contains("R__views.sql stopped part way (statements before #2 committed; #2"
                + " may or may not have taken effect)", "undo by hand what its statements #1 to #2 did (unless they can run"
                + " again as they are", "run `flotilla repair --tenants t1 --rerun-from-start`, which runs R__views.sql again"
                + " from its first statement; then `flotilla deploy --resume " + id + "`").doesNotContain("--mark-applied");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).contains("refused t1", "`flotilla repair --tenants t1 --rerun-from-start`",
                "a repeatable has no version to mark applied").doesNotContain("--mark-applied", "NullPointerException");
        assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(flotilla("deployments", "show", id, "--json").json().at("/data/status").asText()).isEqualTo("succeeded");
    }

    @Test
    void a_rollback_killed_between_statements_of_a_down_file_is_named_with_the_ways_of_a_failed_rollback() throws Exception {
        Files.writeString(migrations.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT PRIMARY KEY);\n"
                + "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
        Files.writeString(migrations.resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        Files.writeString(migrations.resolve("U2__tags.sql"), "DROP TABLE tags;\n" + "SELECT GET_LOCK('" + lock + "', 300);\n"
                + "ALTER TABLE notes DROP COLUMN tag;\n");
        CliRun deployed = flotilla("deploy", "--all", "--yes", "--json");
        assertThat(deployed.exitCode()).as(deployed.out() + deployed.err()).isZero();
        String rollback = killedWaiting("rollback", "--deployment", deployed.json().at("/data/deployment").asText(), "--yes");

        JsonNode task = flotilla("deployments", "show", rollback, "--json").json().at("/data/tasks/0");
        sql("ALTER TABLE " + prefix + "_t1.notes DROP COLUMN tag");
        CliRun repaired = flotilla("repair", "--tenants", "t1", "--mark-undone", "2");
        CliRun resumed = flotilla("rollback", "--resume", rollback, "--yes");

        assertThat(task.get("status").asText()).isEqualTo("interrupted");
        assertThat(task.get("error").asText()).contains("U2__tags.sql stopped part way", "The run stopped during statement 2"
                + " of U2__tags.sql", "run `flotilla repair --tenants t1 --mark-undone 2`, which records version 2 as undone",
                "redo by hand what the down file undid and run `flotilla repair --tenants t1`, which records version 2 as"
                + " applied again", "Then run `flotilla rollback --resume " + rollback + "`.").doesNotContain("which names how");
        assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(flotilla("deployments", "show", rollback, "--json").json().at("/data/status").asText())
                .isEqualTo("succeeded");
    }

    /**
     * Runs {@code command} (a deploy or a rollback), waits until a statement of it waits for the lock the test holds (its
     * task recorded running by then, with no wait: a kill at any time after its first statement finds the start on
     * record), kills it, waits until it is interrupted; its id.
     */
    private String killedWaiting(String... command) throws Exception {
        try (Connection holder = TestDatabases.connect(TestDatabases.mariadb(null));
             Statement statement = holder.createStatement()) {
            statement.execute("SELECT GET_LOCK('" + lock + "', 10)");
            Process run = start(command);
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            String id = Programs.awaitLines(run, out, line -> line.matches("(Deployment|Rollback) \\S+ .*"), 1,
                    "the line naming the deployment", 60).split(" ")[1];
            awaitLockWaiter(statement);
            assertThat(flotilla("deployments", "show", id, "--json").json().at("/data/tasks/0/status").asText())
                    .as("the task's start is committed before anything reaches its target").isEqualTo("running");
            run.destroyForcibly();
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            awaitInterrupted(id);
            return id;
        }
    }

    /** Polls until a session waits for the test's user lock: the run is in the statement that takes it. */
    private void awaitLockWaiter(Statement statement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (ResultSet r = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE 'SELECT GET_LOCK(''" + lock + "''%'")) {
                r.next();
                if (r.getInt(1) == 1) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no deploy waited for the lock " + lock + " within 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Polls the list (not show, which would read the interrupted task's history) until the deployment is interrupted. */
    private void awaitInterrupted(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!flotilla("deployments", "list", "--json").json().at("/data/deployments/0/status").asText().equals("interrupted")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is not interrupted within 30 s of its process's kill");
            }
        }
    }

    private Process start(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(Programs.flotillaCommand(List.of(), args));
        command.addAll(List.of("--config", temp.resolve("flotilla.yml").toString()));
        return new ProcessBuilder(command).redirectError(temp.resolve("deploy-stderr.txt").toFile()).start();
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), statements);
    }
}
