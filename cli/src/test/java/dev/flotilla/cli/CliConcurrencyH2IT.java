package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet commands that read or record tenants in parallel take --concurrency and --per-server as deploy does: H2
 * schemas of one in-memory database (one server), whose every new connection passes a gate that counts how many are
 * opened at once (H2's INIT), flotilla.yml saying one at a time.
 */
class CliConcurrencyH2IT {
    /** More than deploy.concurrency (8) and deploy.perServer (4) by default: a flag read as its default shows. */
    private static final List<String> TENANTS = java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(i -> "t" + i).toList();
    private static final Object GATE = new Object();
    private static int expected;
    private static int inside;
    private static int mostAtOnce;
    private static int opened;

    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:fxcc_limits_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    private Connection keptOpen;
    private String config;

    /** What H2 calls as each connection to a tenant opens (a class H2 can reach). */
    public static final class Gate {
        /**
         * Waits (at most 20 s) until {@link #expected} connections have been opening at once, so that tenants worked
         * on one after the other are seen one at a time.
         */
        public static void enter() throws InterruptedException {
            synchronized (GATE) {
                opened++;
                inside++;
                mostAtOnce = Math.max(mostAtOnce, inside);
                GATE.notifyAll();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (mostAtOnce < expected && System.nanoTime() < deadline) {
                    GATE.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
                inside--;
            }
        }
    }

    private static void openGate(int connectionsAtOnce) {
        synchronized (GATE) {
            expected = connectionsAtOnce;
            inside = 0;
            mostAtOnce = 0;
            opened = 0;
        }
    }

    @BeforeEach
    void schemasThatPredateFlotilla() throws Exception {
        openGate(0);
        keptOpen = DriverManager.getConnection(url, "sa", "");
        try (Statement s = keptOpen.createStatement()) {
            s.execute("CREATE ALIAS FXCC_GATE FOR '" + Gate.class.getName() + ".enter'");
            for (String tenant : TENANTS) {
                s.execute("CREATE SCHEMA \"" + tenant + "\"");
                s.execute("CREATE TABLE \"" + tenant + "\".notes (id INT PRIMARY KEY)");
            }
        }
        config = H2Fleet.create(temp, url + ";INIT=CALL PUBLIC.FXCC_GATE()", H2Fleet.ONE_AT_A_TIME,
                Map.of("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n"), TENANTS);
    }

    @AfterEach
    void dropTheDatabase() throws Exception {
        try (Statement s = keptOpen.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private List<String> args(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(withBackup(command).split(" ")));
        args.addAll(List.of(more));
        return args;
    }

    /** restore's BACKUP: a backup of every tenant, taken now (one at a time, as flotilla.yml says). */
    private String withBackup(String command) {
        if (!command.contains("BACKUP")) {
            return command;
        }
        CliRun backup = CliRun.of("backup", "--all", "--json", "--config", config);
        assertThat(backup.exitCode()).as(backup.out() + backup.err()).isZero();
        return command.replace("BACKUP", backup.json().at("/data/backup").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plan", "verify", "drift", "baseline --version 1", "adopt --from flyway", "dry-run", "backup",
            "restore --yes --backup BACKUP", "status --fleet --live"})
    void the_flags_set_how_many_tenants_are_worked_on_at_once_over_the_file(String template) {
        String command = withBackup(template);
        openGate(TENANTS.size());

        CliRun run = CliRun.of(args(command, "--all", "--concurrency", "9", "--per-server", "9", "--json", "--config", config)
                .toArray(String[]::new));

        assertThat(run.json().at("/errors").findValuesAsText("code")).as(run.out() + run.err())
                .doesNotContain("BAD_CONFIG", "BAD_USAGE", "CONNECTION_FAILED");
        List<String> reported = new ArrayList<>();
        run.json().at("/data/tenants").forEach(tenant -> reported.add(tenant.get("id").asText()));
        assertThat(reported).as(run.out()).containsExactlyInAnyOrderElementsOf(TENANTS);
        synchronized (GATE) {
            assertThat(mostAtOnce).as("tenants at once").isEqualTo(TENANTS.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plan", "verify", "drift", "baseline --version 1", "adopt --from flyway", "dry-run", "repair",
            "backup", "restore --yes --backup BACKUP", "status --fleet --live"})
    void a_flag_replaces_a_bad_value_of_its_setting_in_the_environment(String template) {
        String command = withBackup(template);
        openGate(0);
        Map<String, String> bad = Map.of("FLOTILLA_DEPLOY_CONCURRENCY", "0", "FLOTILLA_DEPLOY_PER_SERVER", "many");

        CliRun withoutFlags = CliRun.of(bad, args(command, "--all", "--json", "--config", config).toArray(String[]::new));
        CliRun withFlags = CliRun.of(bad, args(command, "--all", "--concurrency", "2", "--per-server", "2", "--json",
                "--config", config).toArray(String[]::new));

        assertThat(withoutFlags.json().at("/errors/0/code").asText()).isEqualTo("BAD_CONFIG");
        assertThat(withoutFlags.json().at("/errors/0/message").asText())
                .contains("FLOTILLA_DEPLOY_CONCURRENCY", "FLOTILLA_DEPLOY_PER_SERVER");
        assertThat(withFlags.json().at("/errors").findValuesAsText("code")).as(withFlags.out() + withFlags.err())
                .doesNotContain("BAD_CONFIG", "BAD_USAGE", "CONNECTION_FAILED");
        assertThat(withFlags.json().at("/data/tenants")).hasSize(TENANTS.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plan", "verify", "drift", "baseline --version 1", "adopt --from flyway", "dry-run", "backup",
            "restore --yes --backup manual-20260101-000000", "status --fleet --live"})
    void a_concurrency_of_zero_is_bad_usage_before_any_tenant_is_read(String command) {
        openGate(0);

        CliRun zero = CliRun.of(args(command, "--all", "--concurrency", "0", "--config", config).toArray(String[]::new));
        CliRun perServer = CliRun.of(args(command, "--all", "--per-server", "0", "--json", "--config", config)
                .toArray(String[]::new));

        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--concurrency must be between 1 and 256, was 0");
        assertThat(perServer.exitCode()).isEqualTo(2);
        assertThat(perServer.json().at("/errors/0/message").asText()).contains("--per-server must be 1 or more, was 0");
        synchronized (GATE) {
            assertThat(opened).as("connections to tenants").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status --fleet", "status --url jdbc:h2:mem:fxcc_none"})
    void status_refuses_the_flags_where_it_reads_no_tenant_in_parallel(String command) {
        openGate(0);

        CliRun run = CliRun.of(args(command, "--concurrency", "2", "--json", "--config", config).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.json().at("/errors/0/message").asText()).contains("--concurrency and --per-server are for status"
                + " --fleet --live", "drop them");
    }
}
