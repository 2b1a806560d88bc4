package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ConnectionReuse;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection kept from one tenant's database serving a tenant whose database is not created yet: it stays in the first
 * database until the deploy creates the new one and enters it. Nothing Flotilla reads or writes in between (the plan, the
 * lock, the history table, the migrations) is the first tenant's.
 */
class MissingDatabaseOnKeptConnectionMariaDbIT {
    @TempDir
    Path temp;
    private final String first = TestDatabases.uniqueName();
    private final String created = TestDatabases.uniqueName();

    @AfterEach
    void drop() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS `" + first + "`",
                "DROP DATABASE IF EXISTS `" + created + "`");
    }

    @Test
    void a_new_tenants_plan_dry_run_and_first_deploy_after_another_tenant_touch_only_its_own_database() throws Exception {
        LoadedMigrations migrations = migrations("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        try (ConnectionReuse reuse = new ConnectionReuse(1)) {
            assertThat(new TargetRunner(options(first), migrations, reuse).migrate().ok()).isTrue();
            List<String> firstBefore = contents(first);

            assertThat(new TargetRunner(options(created), migrations, reuse).plan().appliedLastInstalledFirst())
                    .as("what the new tenant's plan reads as applied").isEmpty();
            DryRunReport dryRun = new TargetRunner(options(created), migrations, reuse).dryRun(DryRunOptions.DEFAULTS);
            assertThat(dryRun.ok()).as(dryRun.status()).isTrue();
            assertThat(dryRun.run().applied()).as("what the new tenant's dry run applied").hasSize(1);
            assertThat(contents(created)).as("the new tenant's database after the dry run: not there").isEmpty();
            assertThat(new TargetRunner(options(created), migrations, reuse).migrate().ok()).isTrue();

            assertThat(contents(first)).as("the first tenant's database").isEqualTo(firstBefore);
            assertThat(contents(created)).as("the new tenant's database").isEqualTo(firstBefore);
        }
    }

    @Test
    void a_database_dropped_while_its_connection_was_kept_is_read_as_not_there_on_that_connection() throws Exception {
        LoadedMigrations migrations = migrations("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        try (ConnectionReuse reuse = new ConnectionReuse(1)) {
            assertThat(new TargetRunner(options(first), migrations, reuse).migrate().ok()).isTrue();
            TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE `" + first + "`");

            try (TargetSession session = TargetSession.open(options(first).target(), false, reuse)) {
                assertThat(session.schemaExists()).as("the database exists").isFalse();
            }
            assertThatThrownBy(() -> new TargetRunner(options(first), migrations, reuse).migrate(true))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_MISSING));
        }
    }

    /** The database's tables and its history's versions; none when it is not there. */
    private static List<String> contents(String database) throws Exception {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            List<String> contents = new java.util.ArrayList<>(Jdbc.queryStrings(c, "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? ORDER BY 1", database));
            if (contents.isEmpty()) {
                return contents;
            }
            contents.addAll(Jdbc.queryStrings(c, "SELECT CONCAT(version, ' ', success) FROM `" + database + "`."
                    + TargetSpec.DEFAULT_HISTORY_TABLE + " ORDER BY installed_rank"));
            return contents;
        }
    }

    private static TargetOptions options(String database) {
        return new TargetOptions(new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null),
                null, java.util.Map.of(), null, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), null, "test");
    }

    private LoadedMigrations migrations(String name, String sql) {
        new MigrationFolder(temp.resolve("migrations")).write(name, sql);
        return new MigrationLoader(java.util.Set.of()).load(temp.resolve("migrations"));
    }
}
