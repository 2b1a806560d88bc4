package dev.flotilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fleet for CLI tests: a flotilla.yml in a temporary folder (control plane embedded beside it), tenants as
 * PostgreSQL schemas named {@code <prefix>_<tenant>} on the server and as the user {@link TestDatabases} names (as
 * FLOTILLA_TEST_POSTGRES_URL and FLOTILLA_TEST_POSTGRES_USER set them), and a password in the environment that must never
 * show.
 *
 * <p>Made with {@link #fresh} or {@link #heldFleet(long)} into a test's {@code @RegisterExtension} field, it is one
 * fleet per test, in a folder of its own: after the test (and its {@code @AfterEach} methods) it drops its schemas and
 * deletes its folder.
 */
final class FleetSetup implements AfterEachCallback {
    static final String POSTGRES = TestDatabases.POSTGRES_URL;
    /** The user of the server {@link #POSTGRES}: TestDatabases.POSTGRES_USER. */
    static final String USER = TestDatabases.POSTGRES_USER;
    static final String SECRET = "FleetS3cret-" + UUID.randomUUID();

    final Path folder;
    final Path config;
    final String prefix = "flc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Map<String, String> env = Map.of("TENANT_DB_PASSWORD", SECRET);
    /** Whether the folder is this fleet's own, made by {@link #fresh}, deleted after the test. */
    private boolean ownsFolder;

    /** The flotilla.yml lines that put a fleet's control plane in {@code plane}, a PostgreSQL database of the test's own. */
    static String planeIn(PostgresPlaneDatabase plane) {
        return "controlPlane:\n  url: " + plane.url() + "\n  user: " + USER + "\n";
    }

    /** A fleet in a new folder of its own, with {@code hooks} (more configuration) added to its flotilla.yml. */
    static FleetSetup fresh(String hooks) {
        try {
            FleetSetup fleet = new FleetSetup(Files.createTempDirectory("flotilla-cli-"), hooks);
            fleet.ownsFolder = true;
            return fleet;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #heldFleet(Path, long)}, in a folder of its own (see {@link #fresh}). */
    static FleetSetup heldFleet(long key) {
        FleetSetup fleet = fresh(QUICK_HEARTBEAT);
        try {
            fleet.holdV1(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fleet;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            dropSchemas();
        } finally {
            if (ownsFolder) {
                deleteFolder();
            }
        }
    }

    private void deleteFolder() throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    FleetSetup(Path folder, String hooks) throws IOException {
        this.folder = folder;
        this.config = folder.resolve("flotilla.yml");
        Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(config, """
                migrations: migrations
                tenancy:
                  model: schema-per-tenant
                  url: %s
                  schemaTemplate: "%s_{tenant}"
                  user: %s
                  passwordEnv: TENANT_DB_PASSWORD
                deploy:
                  concurrency: 4
                  perServer: 4
                  backup: false
                  retryBackoff: 50ms
                %s""".formatted(POSTGRES, prefix, TestDatabases.POSTGRES_USER, hooks), StandardCharsets.UTF_8);
        migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
                + "INSERT INTO notes VALUES (1, '${tenant}');\n");
        migration("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
    }

    /** Extra configuration: deployments marked alive every 200 ms, so one killed is interrupted after 600 ms. */
    static final String QUICK_HEARTBEAT = "controlPlane:\n  heartbeat: 200ms\n";

    /**
     * Three tenants (t00..t02) whose V1 first waits for the advisory lock {@code key}, heartbeats quick, a deploy's lock
     * timeout 10 minutes: holding the lock keeps a deploy's tenant in the middle of its migration (see {@link HeldDeploy}).
     * {@code key} must be unique, as other runs of the tests may share the server.
     */
    static FleetSetup heldFleet(Path folder, long key) throws IOException {
        FleetSetup fleet = new FleetSetup(folder, QUICK_HEARTBEAT);
        fleet.holdV1(key);
        return fleet;
    }

    private void holdV1(long key) throws IOException {
        waitingLongForLocks();
        migration("V1__notes.sql", "SELECT pg_advisory_xact_lock(" + key + ");\n"
                + "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n");
        addTenants(3);
    }

    /**
     * Gives the fleet's deploys a lock timeout of 10 minutes, their planning too: a test that holds a tenant's lock or
     * history table for as long as its own steps take, on a loaded machine too, finds the deploy still waiting there (the
     * default 5 s, retried twice, can end the wait before the test's next step: the deploy goes on without it).
     */
    void waitingLongForLocks() throws IOException {
        Files.writeString(config, Files.readString(config).replace("deploy:\n", "deploy:\n  lockTimeout: 10m\n"));
    }

    /** Waits until the deployment, whose process was killed, has not been seen for long enough to be interrupted. */
    JsonNode awaitInterrupted(String deployment) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode shown = run("deployments", "show", deployment, "--json").json();
            if (!shown.at("/data/status").asText().equals("running")) {
                return shown;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deployment " + deployment + " was still shown running 30 s after its process was"
                        + " killed, not interrupted: " + shown);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /**
     * Polls until a session waits for the advisory lock {@code key} (held by the test through {@code statement}): a
     * tenant is in the middle of a migration that takes it.
     */
    static void awaitAdvisoryLockWaiter(Statement statement, long key) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (java.sql.ResultSet r = statement.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = " + key)) {
                r.next();
                if (r.getInt(1) == 1) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no tenant's migration waited for the advisory lock " + key + " within 60 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    void migration(String name, String sql) throws IOException {
        Files.writeString(folder.resolve("migrations").resolve(name), sql, StandardCharsets.UTF_8);
    }

    /** U1 and U2: the down files of the fleet's two migrations, for rollbacks. */
    void downFiles() throws IOException {
        migration("U1__notes.sql", "DROP TABLE notes;\n");
        migration("U2__tags.sql", "ALTER TABLE notes DROP COLUMN tag;\n");
    }

    /** Makes a tenant's deploy fail where a migration creates {@code table}: its schema made beforehand, with it. */
    void conflictingTable(String tenant, String table) throws SQLException {
        sql("CREATE SCHEMA " + schema(tenant));
        sql("CREATE TABLE " + schema(tenant) + "." + table + " (legacy INT)");
    }

    /** The deployment a deploy started, from its first line of output. */
    static String deploymentOf(CliRun deploy) {
        return deploy.out().lines().findFirst().orElseThrow().split(" ")[1];
    }

    CliRun run(String... args) {
        return CliRun.withConfig(env, config, args);
    }

    /** Runs {@code args} as {@link #run} does, its questions answered by {@code typed}. */
    CliRun answering(java.io.InputStream typed, String... args) {
        return CliRun.answering(env, typed, config, args);
    }

    /** Starts {@code flotilla} with this fleet's configuration as a real process of its own. */
    Process start(String... args) throws IOException {
        return start(List.of(), Map.of(), args);
    }

    /** Starts {@code flotilla} as {@link #start(String...)} does, with {@code extra} added to its environment. */
    Process start(Map<String, String> extra, String... args) throws IOException {
        return start(List.of(), extra, args);
    }

    /**
     * Starts {@code flotilla} as {@link #start} does, through {@code setsid}: in a process group of its own whose id is
     * the returned process's pid, as a terminal starts a command, so {@code kill -INT -- -PID} is a Ctrl-C that does not
     * reach the test. {@code environment} is added to the fleet's.
     */
    Process startInOwnGroup(Map<String, String> environment, String... args) throws IOException {
        return start(List.of("setsid"), environment, args);
    }

    private Process start(List<String> launcher, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(Programs.flotillaCommand(List.of(), args));
        command.addAll(List.of("--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(folder.resolve("stderr-" + System.nanoTime()).toFile());
        builder.environment().putAll(env);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Polls the stderr of the process {@link #start} started until it says {@code text}. */
    void awaitStderr(String text) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stderr does not say " + text + " within 30 s; it has: " + stderr());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** What the process {@link #start} started (the only one) has written on stderr so far. */
    String stderr() throws IOException {
        try (var files = Files.list(folder)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith("stderr-")).findFirst().orElseThrow();
            return Files.readString(file);
        }
    }

    /** Registers tenants t00..t(n-1) through the CLI. */
    void addTenants(int count) {
        for (int i = 0; i < count; i++) {
            String id = String.format("t%02d", i);
            CliRun run = run("tenants", "add", id, "--group", i % 2 == 0 ? "even" : "odd");
            if (run.exitCode() != 0) {
                throw new AssertionError("tenants add " + id + " failed: " + run.err());
            }
        }
    }

    /** Files under the fleet's folder (the embedded control plane, its logs) whose bytes contain the password. */
    List<Path> filesHoldingTheSecret() throws IOException {
        try (var files = Files.walk(folder)) {
            List<Path> holding = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(SECRET)) {
                    holding.add(file);
                }
            }
            return holding;
        }
    }

    String schema(String tenant) {
        return prefix + "_" + tenant;
    }

    /** A connection to the fleet's server as its administrator, which gives up on a server that stops answering. */
    static Connection connect() {
        return TestDatabases.connect(TestDatabases.postgres(null));
    }

    void sql(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Versions recorded as applied in a tenant's history, in order; empty when it has none. */
    List<String> applied(String tenant) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            var exists = s.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = '" + schema(tenant)
                    + "' AND table_name = 'tenant_migrations'");
            if (!exists.next()) {
                return versions;
            }
            var rows = s.executeQuery("SELECT version FROM \"" + schema(tenant) + "\".tenant_migrations WHERE success"
                    + " ORDER BY installed_rank");
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    void dropSchemas() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            var rows = s.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '" + prefix + "%'");
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            for (String name : names) {
                s.execute("DROP SCHEMA \"" + name + "\" CASCADE");
            }
        }
    }
}
