package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a terminal signals the whole foreground process group: the hook or dump program a tenant in flight runs gets
 * it too. A real {@code flotilla deploy}, started in a group of its own as a shell starts it, gets {@code kill -INT --
 * -PGID} while its tenant's hook, or its backup, is held; the program finishes, the tenant is applied, the deployment
 * ends stopped.
 */
class CliSignalChildProgramsIT {
    private static final String STOPPING = "Stopping: 1 tenant(s) in flight finish, no new tenant starts";

    @TempDir
    Path temp;
    FleetSetup fleet;
    Process deploy;
    /** The deploy's stdout, read on from where the test's reads of it left it. */
    BufferedReader out;

    @AfterEach
    void stopWhatIsLeftAndDropSchemas() throws Exception {
        if (!Files.exists(temp.resolve("go"))) {
            Files.createFile(temp.resolve("go")); // a hook still waiting ends
        }
        if (deploy != null) {
            deploy.destroy(); // a deploy a failed test left running: its programs are stopped with it
            deploy.waitFor(60, TimeUnit.SECONDS);
        }
        if (fleet != null) {
            fleet.dropSchemas();
        }
    }

    @Test
    void ctrl_c_to_the_process_group_lets_the_hook_in_flight_finish_and_its_tenant_apply() throws Exception {
        String id = deployWithHeldHook();
        String tenant = awaitHookStarted();

        ctrlC();
        fleet.awaitStderr(STOPPING);
        Files.createFile(temp.resolve("go"));

        String rest = Programs.restOnceEnded(deploy, out, 60);
        assertThat(deploy.exitValue()).as(rest + fleet.stderr()).isEqualTo(1);
        assertThat(temp.resolve("finished-" + tenant)).as("the hook ran to its end").exists();
        assertThat(rest).contains("Deployment " + id + " stopped").doesNotContain("HOOK_FAILED");
        assertThat(fleet.run("deployments", "show", id, "--json").json().at("/data/status").asText()).isEqualTo("stopped");
        assertThat(fleet.applied(tenant)).as("the tenant in flight").containsExactly("1", "2");
        assertThat(fleet.applied(other(tenant))).as("the tenant not started").isEmpty();
    }

    @Test
    void a_second_ctrl_c_aborts_and_stops_the_hook_in_flight_with_the_process() throws Exception {
        deployWithHeldHook();
        String tenant = awaitHookStarted();
        long hook = Long.parseLong(Files.readString(temp.resolve("started-" + tenant)).strip());
        ctrlC();
        fleet.awaitStderr(STOPPING);

        ctrlC();

        assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as("the second Ctrl-C ends the process").isTrue();
        assertThat(deploy.exitValue()).isEqualTo(130);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(hook).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("the hook (pid " + hook + ") is stopped with the process").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(temp.resolve("finished-" + tenant)).as("the hook was cut off").doesNotExist();
    }

    @Test
    void ctrl_c_to_the_process_group_lets_the_backup_in_flight_finish_and_its_tenant_apply() throws Exception {
        // row-counts would count the rows, and wait for the table, before the backup: pg_dump would never be the one held.
        fleet = new FleetSetup(temp.resolve("fleet"), "checks:\n  disabled: [row-counts]\n");
        fleet.addTenants(2);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__more.sql", "ALTER TABLE notes ADD COLUMN more INT;\n");
        String id;
        String tenant;
        try (Connection holder = FleetSetup.connect();
             Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false); // pg_dump waits for the tables until this transaction ends
            statement.execute("LOCK TABLE " + fleet.schema("t00") + ".notes, " + fleet.schema("t01") + ".notes"
                    + " IN ACCESS EXCLUSIVE MODE");
            deploy = fleet.startInOwnGroup(Map.of("FLOTILLA_DEPLOY_BACKUP", "true"), "deploy", "--all", "--yes",
                    "--concurrency", "1", "--lock-timeout", "120s");
            out = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8));
            id = Programs.nextLine(deploy, out, 60).split(" ")[1];
            tenant = awaitDumpWaiting();

            ctrlC();
            fleet.awaitStderr(STOPPING);
            holder.commit();

            String rest = Programs.restOnceEnded(deploy, out, 60);
            assertThat(deploy.exitValue()).as(rest + fleet.stderr()).isEqualTo(1);
            assertThat(rest).contains("Deployment " + id + " stopped").doesNotContain("BACKUP_FAILED");
        }
        JsonNode backups = fleet.run("backups", "list", "--json").json().at("/data/backups");
        assertThat(backups).as("the backup pg_dump was taking when Ctrl-C came").singleElement().satisfies(backup -> {
            assertThat(backup.at("/tenant").asText() + " " + backup.at("/deployment").asText()).isEqualTo(tenant + " " + id);
            assertThat(Files.readString(Path.of(backup.at("/path").asText()), StandardCharsets.ISO_8859_1)).startsWith("PGDMP");
        });
        assertThat(fleet.run("deployments", "show", id, "--json").json().at("/data/status").asText()).isEqualTo("stopped");
        assertThat(fleet.applied(tenant)).as("the tenant in flight").containsExactly("1", "2", "3");
        assertThat(fleet.applied(other(tenant))).as("the tenant not started").containsExactly("1", "2");
    }

    /**
     * Starts a deploy of two tenants, one at a time, whose beforeTenant hook writes its pid into "started-TENANT" and
     * waits for the file "go"; returns the deployment's id.
     */
    private String deployWithHeldHook() throws Exception {
        Path hook = Files.writeString(temp.resolve("hook.sh"), """
                #!/bin/sh
                echo $$ > "%1$s/pid-$FLOTILLA_TENANT"
                mv "%1$s/pid-$FLOTILLA_TENANT" "%1$s/started-$FLOTILLA_TENANT"
                while [ ! -e "%1$s/go" ]; do sleep 0.05; done
                touch "%1$s/finished-$FLOTILLA_TENANT"
                """.formatted(temp));
        assertThat(hook.toFile().setExecutable(true)).isTrue();
        fleet = new FleetSetup(temp.resolve("fleet"), "hooks:\n  beforeTenant: \"" + hook + "\"\n");
        fleet.addTenants(2);
        deploy = fleet.startInOwnGroup(Map.of(), "deploy", "--all", "--yes", "--concurrency", "1");
        out = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8));
        return Programs.nextLine(deploy, out, 60).split(" ")[1];
    }

    /** Ctrl-C as a terminal sends it: SIGINT to every process of the deploy's group, the programs it started included. */
    private void ctrlC() throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + deploy.pid()).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -INT -- -" + deploy.pid()).isZero();
    }

    /** The tenant whose hook has started: it waits for the file "go". */
    private String awaitHookStarted() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (String tenant : List.of("t00", "t01")) {
                if (Files.exists(temp.resolve("started-" + tenant))) {
                    return tenant;
                }
            }
            assertThat(System.nanoTime()).as("a hook started; stderr: " + fleet.stderr()).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * The tenant whose pg_dump waits for the table the test holds. Asked in a session of its own: in the holder's
     * transaction pg_stat_activity would stay as its first read saw it.
     */
    private String awaitDumpWaiting() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection watcher = FleetSetup.connect();
             Statement statement = watcher.createStatement()) {
            while (true) {
                for (String tenant : List.of("t00", "t01")) {
                    try (ResultSet waiting = statement.executeQuery("SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a"
                            + " ON a.pid = l.pid WHERE NOT l.granted AND a.application_name = 'pg_dump'"
                            + " AND l.relation = '" + fleet.schema(tenant) + ".notes'::regclass")) {
                        waiting.next();
                        if (waiting.getInt(1) > 0) {
                            return tenant;
                        }
                    }
                }
                assertThat(System.nanoTime() < deadline && deploy.isAlive()).as("pg_dump waits for the table; stderr: "
                        + fleet.stderr()).isTrue();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private static String other(String tenant) {
        return tenant.equals("t00") ? "t01" : "t00";
    }
}
