package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.TestDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB tenant's lock ({@code GET_LOCK}) after its deploy: where the connection is kept for the next database, the
 * reset that readies it releases the lock (no {@code RELEASE_LOCK} of its own, one round trip less a tenant); where it is
 * not, the session releases it. Either way another session gets it at once, the kept connection still open.
 */
class TenantLockOnKeptConnectionMariaDbIT {
    private static final byte[] RELEASE = "RELEASE_LOCK".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;
    private final String database = TestDatabases.uniqueName();
    private PausableProxy proxy;

    @BeforeEach
    void proxyToServer() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE `" + database + "`");
        URI server = URI.create(TestDatabases.MARIADB_URL.substring("jdbc:".length()));
        proxy = PausableProxy.to(server.getHost(), server.getPort() == -1 ? 3306 : server.getPort());
    }

    @AfterEach
    void drop() throws Exception {
        proxy.close();
        TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS `" + database + "`");
    }

    @Test
    void a_deploy_through_a_kept_connection_leaves_the_lock_to_the_reset_and_another_session_gets_it_at_once() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1)) {
            proxy.countRequestsHolding(RELEASE);

            assertThat(new TargetRunner(options(throughProxy("")), migrations(), reuse).migrate().ok()).isTrue();

            assertThat(proxy.requestsHolding()).as("RELEASE_LOCK statements sent").isZero();
            assertThat(proxy.connections()).as("logins: the one connection, kept").isEqualTo(1);
            assertLockFreeAtOnce();
        }
    }

    @Test
    void a_deploy_whose_connection_is_not_kept_releases_the_lock_itself() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1)) {
            proxy.countRequestsHolding(RELEASE);

            assertThat(new TargetRunner(options(throughProxy("?useResetConnection=false")), migrations(), reuse).migrate().ok())
                    .isTrue();

            assertThat(proxy.requestsHolding()).as("RELEASE_LOCK statements sent").isEqualTo(1);
            assertLockFreeAtOnce();
        }
    }

    /** Another session, on a connection of its own, takes the tenant's lock without waiting for it. */
    private void assertLockFreeAtOnce() {
        try (TargetSession other = TargetSession.openLocked(TestDatabases.mariadb(database), ConnectionSource.DIRECT,
                Duration.ofMillis(1), true)) {
            assertThat(other.heldLock()).isNotNull();
        }
    }

    private TargetSpec throughProxy(String options) {
        return new TargetSpec("jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + database + options,
                TestDatabases.MARIADB_USER, null, null, null);
    }

    private TargetOptions options(TargetSpec target) {
        return new TargetOptions(target, temp.resolve("migrations"), java.util.Map.of(), null, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMinutes(1), null, "test");
    }

    private LoadedMigrations migrations() {
        new MigrationFolder(temp.resolve("migrations")).write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        return new MigrationLoader(java.util.Set.of()).load(temp.resolve("migrations"));
    }
}
