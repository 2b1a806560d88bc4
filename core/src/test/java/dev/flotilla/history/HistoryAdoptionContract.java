package dev.flotilla.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.backup.Backups;
import dev.flotilla.control.BackupStore;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.run.FleetDrift;
import dev.flotilla.run.HistoryAdoption;
import dev.flotilla.run.ReferenceCache;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.run.RunReport;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target migrated by the real Flyway (and targets with Laravel's, Liquibase's and a home-grown history)
 * adopted by Flotilla: the history is recorded from the files, and the next migrate runs only what is new.
 * Each database's {@code *IT} supplies a fresh target and its JDBC details for Flyway.
 */
abstract class HistoryAdoptionContract {
    static final String V1 = "CREATE TABLE companies (id INTEGER PRIMARY KEY, code VARCHAR(40) NOT NULL);\n";
    static final String V2 = "CREATE TABLE serials (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL,"
            + " FOREIGN KEY (company_id) REFERENCES companies (id));\n";
    static final String R = "CREATE OR REPLACE VIEW company_codes AS SELECT code FROM companies;\n";
    static final String LIQUIBASE_TABLE = "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255)"
            + " NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP NOT NULL, ORDEREXECUTED INTEGER NOT NULL,"
            + " EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255))";

    @TempDir
    Path temp;
    TargetSpec target;
    MigrationFolder files;

    abstract TargetSpec createTarget();

    /** Flyway configured for the target's schema (database on MariaDB). */
    abstract org.flywaydb.core.api.configuration.FluentConfiguration flyway(TargetSpec target);

    @BeforeEach
    void setUp() {
        target = createTarget();
        files = new MigrationFolder(temp.resolve("migrations")).write("V1__init.sql", V1).write("V2__serials.sql", V2)
                .write("R__views.sql", R);
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    Flyway flywayOf(MigrationFolder folder) {
        return flywayOf(folder, Map.of());
    }

    Flyway flywayOf(MigrationFolder folder, Map<String, String> placeholders) {
        return flyway(target).locations("filesystem:" + folder.path()).placeholders(placeholders).cleanDisabled(true).load();
    }

    Flotilla flotilla() {
        return Flotilla.load(TargetOptions.of(target, files.path()));
    }

    HistoryAdoption adoption() {
        Flotilla flotilla = flotilla();
        return new HistoryAdoption(TargetOptions.of(target, files.path()), flotilla.migrations());
    }

    void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(target, true)) {
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    @Test
    void a_target_flyway_migrated_is_adopted_and_the_next_migrate_runs_only_what_is_new() {
        flywayOf(files).migrate();

        AdoptionReport report = adoption().adopt(HistorySource.parse("flyway"), false, false);
        files.write("V3__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        RunReport migrate = flotilla().migrate();

        assertThat(report.recorded()).containsExactly("V1__init.sql", "V2__serials.sql", "R__views.sql");
        assertThat(report.unmatched()).isEmpty();
        assertThat(report.notes()).isEmpty();
        assertThat(migrate.ok()).as(migrate.problems().toString()).isTrue();
        assertThat(migrate.applied()).extracting(m -> m.script()).containsExactly("V3__notes.sql");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
        assertThat(drift().status()).as("flyway_schema_history is left out of drift").isEqualTo(TenantDrift.Status.CLEAN);
    }

    @Test
    void a_file_edited_after_flyway_applied_it_shows_as_drifted_and_a_changed_repeatable_runs_again() {
        flywayOf(files).migrate();
        files.write("V1__init.sql", V1 + "-- edited after it ran\n");
        files.write("R__views.sql", "CREATE OR REPLACE VIEW company_codes AS SELECT code, id FROM companies;\n");

        AdoptionReport report = adoption().adopt(HistorySource.parse("flyway"), false, false);

        assertThat(report.notes()).anyMatch(n -> n.startsWith("V1__init.sql was edited after flyway (flyway_schema_history)"
                + " applied it")).anyMatch(n -> n.startsWith("R__views.sql changed since flyway (flyway_schema_history) last ran"))
                .anyMatch(n -> n.endsWith("you check it and run `flotilla repair --realign-checksums`"));
        assertThat(report.forTenant(TenantId.of("m07")).notes()).as("a fleet tenant's")
                .anyMatch(n -> n.endsWith("you check it and run `flotilla repair --tenants m07 --realign-checksums`"));
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .containsExactly(MigrationState.DRIFTED, MigrationState.APPLIED, MigrationState.OUTDATED);
    }

    @Test
    void a_file_restored_after_adoption_found_it_edited_matches_flyways_checksum_again() {
        flywayOf(files).migrate();
        files.write("V2__serials.sql", V2 + "-- edited after it ran\n");
        adoption().adopt(HistorySource.parse("flyway"), false, false);
        assertThat(flotilla().validate()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("the recorded checksum is flyway-crc32:").contains("Restore the file from version control"));

        files.write("V2__serials.sql", V2);

        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
        assertThat(flotilla().validate()).isEmpty();
        files.write("V3__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        RunReport migrate = flotilla().migrate();
        assertThat(migrate.ok()).as(migrate.problems().toString()).isTrue();
        assertThat(migrate.applied()).extracting(m -> m.script()).containsExactly("V3__notes.sql");
    }

    @Test
    void a_repeatable_with_a_placeholder_is_checksummed_as_flyway_does_after_replacing_it() {
        files.write("R__role.sql", "CREATE OR REPLACE VIEW app_role AS SELECT '${app_role}' AS role_name;\n");
        flywayOf(files, Map.of("app_role", "reporting")).migrate();
        TargetOptions options = TargetOptions.of(target, files.path()).withPlaceholders(Map.of("app_role", "reporting"));

        AdoptionReport report = new HistoryAdoption(options, Flotilla.load(options).migrations()).adopt(HistorySource.parse("flyway"),
                false, false);
        RunReport migrate = Flotilla.load(options).migrate();

        assertThat(report.notes()).isEmpty();
        assertThat(migrate.ok()).as(migrate.problems().toString()).isTrue();
        assertThat(migrate.applied()).isEmpty();
    }

    @Test
    void a_repeatable_with_a_placeholder_recorded_with_flyways_checksum_is_unchanged_once_a_restore_puts_that_row_back()
            throws Exception {
        String asFlywayRan = "CREATE OR REPLACE VIEW app_role AS SELECT '${app_role}' AS role_name;\n";
        files.write("R__role.sql", asFlywayRan);
        flywayOf(files, Map.of("app_role", "reporting")).migrate();
        files.write("R__role.sql", asFlywayRan + "-- the role the application reports as\n");
        TargetOptions options = TargetOptions.of(target, files.path()).withPlaceholders(Map.of("app_role", "reporting"));
        new HistoryAdoption(options, Flotilla.load(options).migrations()).adopt(HistorySource.parse("flyway"), false, false);
        try (ControlPlane plane = ControlPlane.open("jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1",
                "sa", null)) {
            Backups backups = new Backups(plane, temp.resolve("backups"));
            BackupStore.BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
            assertThat(Flotilla.load(options).migrate().applied()).extracting(m -> m.script()).containsExactly("R__role.sql");
            backups.restore(backup, target);
        }
        files.write("R__role.sql", asFlywayRan);

        assertThat(Flotilla.load(options).status().statuses()).extracting(MigrationStatus::state)
                .containsOnly(MigrationState.APPLIED);
        RunReport migrate = Flotilla.load(options).migrate();
        assertThat(migrate.ok()).as(migrate.problems().toString()).isTrue();
        assertThat(migrate.applied()).as("the view is as Flyway made it, from this very file").isEmpty();
        assertThat(drift(options).status()).isEqualTo(TenantDrift.Status.CLEAN);
        assertThat(new dev.flotilla.run.FleetPlanner(options, Flotilla.load(options).migrations(), 1, 1)
                .plan(List.of(new TenantTarget(new Tenant(TenantId.of("target"), null, null, null, List.of()), target)))
                .get(0).pending()).as("the fleet's plan").isEmpty();
    }

    @Test
    void repair_after_adopting_a_repeatable_with_a_placeholder_under_flyways_checksum_finds_nothing_changed() {
        String asFlywayRan = "CREATE OR REPLACE VIEW app_role AS SELECT '${app_role}' AS role_name;\n";
        files.write("R__role.sql", asFlywayRan);
        flywayOf(files, Map.of("app_role", "reporting")).migrate();
        files.write("R__role.sql", asFlywayRan + "-- edited after Flyway ran it\n");
        TargetOptions options = TargetOptions.of(target, files.path()).withPlaceholders(Map.of("app_role", "reporting"));
        new HistoryAdoption(options, Flotilla.load(options).migrations()).adopt(HistorySource.parse("flyway"), false, false);
        files.write("R__role.sql", asFlywayRan);

        var repair = Flotilla.load(options).repair(new dev.flotilla.run.RepairRequest(null, true));

        assertThat(repair.actions()).singleElement().asString().startsWith("Nothing to repair")
                .contains("no edited file");
        assertThat(Flotilla.load(options).status().statuses()).extracting(MigrationStatus::state)
                .containsOnly(MigrationState.APPLIED);
        assertThat(Flotilla.load(options).migrate().applied()).isEmpty();
    }

    @Test
    void a_flyway_baseline_is_adopted_as_a_baseline() throws SQLException {
        sql(V1.replace(";\n", ""));
        flyway(target).locations("filesystem:" + files.path()).baselineOnMigrate(true).baselineVersion("1").load().migrate();

        AdoptionReport report = adoption().adopt(HistorySource.parse("flyway"), false, false);

        assertThat(report.recorded()).containsExactly("V1__init.sql (baseline)", "V2__serials.sql", "R__views.sql");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .containsExactly(MigrationState.BASELINED, MigrationState.APPLIED, MigrationState.APPLIED);
    }

    @Test
    void a_flyway_4_schema_version_table_keeps_flyways_meaning_named_as_flyway_or_as_a_table() throws SQLException {
        sql(V1.replace(";\n", ""));
        flyway(target).locations("filesystem:" + files.path()).table("schema_version").baselineOnMigrate(true)
                .baselineVersion("1").load().migrate();
        sql("INSERT INTO schema_version (installed_rank, version, description, type, script, checksum, installed_by,"
                + " installed_on, execution_time, success) VALUES (99, '2', 'serials', 'DELETE', 'V2__serials.sql', NULL, 'ops',"
                + " CURRENT_TIMESTAMP, 0, TRUE)");

        AdoptionReport asFlyway = adoption().adopt(HistorySource.parse("flyway:schema_version"), false, true);
        AdoptionReport asTable = adoption().adopt(HistorySource.parse("table:schema_version"), false, true);

        assertThat(asFlyway.source()).isEqualTo("flyway (schema_version)");
        assertThat(asFlyway.recorded()).containsExactly("V1__init.sql (baseline)", "R__views.sql");
        assertThat(asTable.recorded()).containsExactly("V1__init.sql (baseline)", "R__views.sql");
    }

    @Test
    void rows_without_a_file_are_refused_unless_allowed_and_nothing_is_written_meanwhile() {
        MigrationFolder withExtra = new MigrationFolder(temp.resolve("flyway")).write("V1__init.sql", V1)
                .write("V2__serials.sql", V2).write("R__views.sql", R).write("V9__gone.sql", "CREATE TABLE gone (id INTEGER);\n");
        flywayOf(withExtra).migrate();

        assertThatThrownBy(() -> adoption().adopt(HistorySource.parse("flyway"), false, false))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ADOPTION_REFUSED))
                .hasMessageContaining("1 row(s) of flyway (flyway_schema_history)").hasMessageContaining("V9__gone.sql")
                .hasMessageContaining("--allow-unmatched");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.PENDING);
        AdoptionReport allowed = adoption().adopt(HistorySource.parse("flyway"), true, false);
        assertThat(allowed.recorded()).hasSize(3);
        assertThat(allowed.unmatched()).singleElement().asString().startsWith("V9__gone.sql");
    }

    @Test
    void a_second_adoption_and_a_failed_flyway_migration_are_refused() {
        MigrationFolder broken = new MigrationFolder(temp.resolve("broken")).write("V1__init.sql", V1)
                .write("V2__serials.sql", "INSERT INTO nowhere VALUES (1);\n");
        assertThatThrownBy(() -> flywayOf(broken).migrate()).isInstanceOf(RuntimeException.class);
        if (flywayRecordsFailures()) {
            assertThatThrownBy(() -> adoption().adopt(HistorySource.parse("flyway"), false, false))
                    .hasMessageContaining("V2__serials.sql is recorded as failed in flyway")
                    .hasMessageContaining("flyway repair");
        }
        flywayOf(broken).repair();
        adoption().adopt(HistorySource.parse("flyway"), false, false);

        assertThatThrownBy(() -> adoption().adopt(HistorySource.parse("flyway"), false, false))
                .hasMessageContaining("already has 1 row(s) in tenant_migrations")
                .hasMessageContaining("nothing to adopt").hasMessageContaining("`flotilla plan --tenants ID`")
                .hasMessageNotContaining("See `flotilla status`.");
    }

    /** PostgreSQL rolls a failed Flyway migration back and records nothing; MariaDB records the failure. */
    abstract boolean flywayRecordsFailures();

    @Test
    void laravel_liquibase_and_home_grown_histories_are_adopted_by_name_or_version() throws SQLException {
        sql(V1.replace(";\n", ""), V2.replace(";\n", ""));
        sql("CREATE TABLE migrations (id INTEGER PRIMARY KEY, migration VARCHAR(255) NOT NULL, batch INTEGER NOT NULL)",
                "INSERT INTO migrations VALUES (1, 'V1__init', 1)", "INSERT INTO migrations VALUES (2, 'V2__serials', 1)");

        AdoptionReport laravel = adoption().adopt(HistorySource.parse("laravel"), false, true);

        sql(LIQUIBASE_TABLE,
                "INSERT INTO DATABASECHANGELOG VALUES ('1', 'ana', 'db/changelog/V1__init.sql', CURRENT_TIMESTAMP, 1,"
                        + " 'EXECUTED', '8:x', 'sql')",
                "INSERT INTO DATABASECHANGELOG VALUES ('2', 'ana', 'db/changelog/changes.sql', CURRENT_TIMESTAMP, 2,"
                        + " 'EXECUTED', '8:y', 'sql')",
                "INSERT INTO DATABASECHANGELOG VALUES ('3', 'ana', 'db/changelog/changes.sql', CURRENT_TIMESTAMP, 3,"
                        + " 'SKIPPED', '8:z', 'sql')");
        AdoptionReport liquibase = adoption().adopt(HistorySource.parse("liquibase"), false, true);

        sql("CREATE TABLE schema_migrations (version VARCHAR(20) NOT NULL, filename VARCHAR(200), applied_at TIMESTAMP,"
                + " success BOOLEAN)", "INSERT INTO schema_migrations VALUES ('001', 'V1__init.sql', CURRENT_TIMESTAMP, FALSE)");
        assertThatThrownBy(() -> adoption().adopt(HistorySource.parse("table:schema_migrations"), false, false))
                .hasMessageContaining("V1__init.sql is recorded as failed (success = FALSE) in schema_migrations")
                .hasMessageNotContaining("table (")
                .hasMessageContaining("finish the migration with the tool that keeps schema_migrations")
                .hasMessageNotContaining("flyway");
        sql("UPDATE schema_migrations SET success = TRUE");
        AdoptionReport legacy = adoption().adopt(HistorySource.parse("table:schema_migrations"), false, false);

        assertThat(laravel.recorded()).containsExactly("V1__init.sql", "V2__serials.sql");
        assertThat(laravel.written()).isFalse();
        assertThat(liquibase.recorded()).containsExactly("V1__init.sql", "V2__serials.sql");
        assertThat(legacy.recorded()).containsExactly("V1__init.sql");
        assertThat(legacy.notes()).isEmpty();
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING, MigrationState.PENDING);
    }

    @Test
    void a_home_grown_row_whose_success_is_null_is_adopted_as_applied_with_a_note_saying_what_was_found() throws SQLException {
        sql(V1.replace(";\n", ""), V2.replace(";\n", ""), "CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY,"
                        + " filename VARCHAR(200) NOT NULL, success BOOLEAN)",
                "INSERT INTO schema_migrations VALUES (1, 'V1__init.sql', NULL)",
                "INSERT INTO schema_migrations VALUES (2, 'V2__serials.sql', TRUE)");

        AdoptionReport report = adoption().adopt(HistorySource.parse("table:schema_migrations"), false, false);

        assertThat(report.recorded()).containsExactly("V1__init.sql", "V2__serials.sql");
        assertThat(report.source()).isEqualTo("schema_migrations");
        assertThat(report.notes()).singleElement().asString()
                .startsWith("schema_migrations records no outcome for V1__init.sql (success is NULL, neither TRUE nor FALSE)")
                .contains("adopted as applied").contains("finish its changes by hand").doesNotContain("failed by");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .startsWith(MigrationState.APPLIED, MigrationState.APPLIED);
    }

    @Test
    void a_home_grown_table_keeps_how_long_each_migration_took_as_its_tool_recorded_it() throws SQLException {
        sql(V1.replace(";\n", ""), "CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, filename VARCHAR(200) NOT NULL,"
                        + " applied_at TIMESTAMP, execution_time_ms INTEGER, success BOOLEAN NOT NULL)",
                "INSERT INTO schema_migrations VALUES (1, 'V1__init.sql', CURRENT_TIMESTAMP, 1234, TRUE)");

        adoption().adopt(HistorySource.parse("table:schema_migrations"), false, false);

        assertThat(flotilla().status().statuses().get(0).latest().executionMillis()).isEqualTo(1234);
    }

    @Test
    void a_home_grown_tables_checksum_of_a_file_edited_since_it_ran_shows_it_edited_as_flyways_does_and_a_matching_one_not() throws Exception {
        sql(V1.replace(";\n", ""), V2.replace(";\n", ""), "CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY,"
                        + " filename VARCHAR(200) NOT NULL, checksum VARCHAR(64), success BOOLEAN NOT NULL)",
                "INSERT INTO schema_migrations VALUES (1, 'V1__init.sql', '" + sha256(V1) + "', TRUE)",
                "INSERT INTO schema_migrations VALUES (2, 'V2__serials.sql', '" + sha256(V2 + "-- edited later\n") + "', TRUE)");

        AdoptionReport report = adoption().adopt(HistorySource.parse("table:schema_migrations"), false, false);

        assertThat(report.notes()).singleElement().asString().startsWith("V2__serials.sql was edited after the tool"
                + " that keeps schema_migrations applied it (its SHA-256 there is not the file's now): it shows as drifted")
                .contains("flotilla repair --realign-checksums");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .startsWith(MigrationState.APPLIED, MigrationState.DRIFTED);

        files.write("V2__serials.sql", V2 + "-- edited later\n");
        assertThat(flotilla().status().statuses()).as("the file as the tool ran it matches what was recorded")
                .extracting(MigrationStatus::state).startsWith(MigrationState.APPLIED, MigrationState.APPLIED);
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void a_liquibase_file_only_some_changesets_of_which_ran_is_refused_and_never_recorded_as_applied() throws SQLException {
        files = new MigrationFolder(temp.resolve("liquibase")).write("001_init.sql", "-- liquibase formatted sql\n"
                + "-- changeset alice:1\n" + V1)
                .write("002_orders.sql", "-- liquibase formatted sql\n\n-- changeset alice:2\n"
                        + "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n\n-- changeset bob:3\n"
                        + "ALTER TABLE orders ADD COLUMN total INTEGER;\n");
        sql(V1.replace(";\n", ""), "CREATE TABLE orders (id INTEGER PRIMARY KEY)", LIQUIBASE_TABLE,
                "INSERT INTO DATABASECHANGELOG VALUES ('1', 'alice', 'db/001_init.sql', CURRENT_TIMESTAMP, 1, 'EXECUTED', '9:a', 'sql')",
                "INSERT INTO DATABASECHANGELOG VALUES ('2', 'alice', 'db/002_orders.sql', CURRENT_TIMESTAMP, 2, 'EXECUTED', '9:b',"
                        + " 'sql')");

        assertThatThrownBy(() -> adoption().adopt(HistorySource.parse("liquibase"), true, false))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ADOPTION_REFUSED))
                .hasMessageContaining("002_orders.sql ran only in part: changeset(s) bob:3 are not in liquibase")
                .hasMessageContaining("liquibase update").hasMessageContaining("Nothing was written");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.PENDING);

        sql("ALTER TABLE orders ADD COLUMN total INTEGER", "INSERT INTO DATABASECHANGELOG VALUES ('3', 'bob', 'db/002_orders.sql',"
                + " CURRENT_TIMESTAMP, 3, 'EXECUTED', '9:c', 'sql')");
        AdoptionReport whole = adoption().adopt(HistorySource.parse("liquibase"), false, false);

        assertThat(whole.recorded()).containsExactly("001_init.sql", "002_orders.sql");
        sql("CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER PRIMARY KEY, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP,"
                + " LOCKEDBY VARCHAR(255))");
        TenantDrift drift = drift();
        assertThat(drift.status()).as(drift.reason() + " " + drift.diff()).isEqualTo(TenantDrift.Status.CLEAN);
    }

    /** The target's drift, as {@code flotilla drift --url} checks it. */
    TenantDrift drift() {
        return drift(TargetOptions.of(target, files.path()));
    }

    TenantDrift drift(TargetOptions options) {
        Tenant tenant = new Tenant(TenantId.of("target"), null, null, null, List.of());
        return new FleetDrift(options, Flotilla.load(options).migrations(), 1, 1, ReferenceCache.inMemory())
                .check(List.of(new TenantTarget(tenant, target))).tenants().get(0);
    }

    @Test
    void a_history_table_named_as_another_tools_table_is_said_to_be_not_flotillas() throws SQLException {
        sql("CREATE TABLE migrations (id INTEGER PRIMARY KEY, migration VARCHAR(255) NOT NULL, batch INTEGER NOT NULL)",
                "INSERT INTO migrations VALUES (1, 'V1__init', 1)");
        TargetOptions options = TargetOptions.of(new TargetSpec(target.url(), target.user(), target.password(), target.schema(),
                "migrations"), files.path());
        HistoryAdoption adoption = new HistoryAdoption(options, flotilla().migrations());

        for (ThrowingCallable read : List.<ThrowingCallable>of(() -> Flotilla.load(options).status(),
                () -> Flotilla.load(options).migrate(), () -> adoption.adopt(HistorySource.parse("laravel"), false, false))) {
            assertThatThrownBy(read).isInstanceOfSatisfying(FlotillaException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FOREIGN_HISTORY))
                    .hasMessageContaining("The history table migrations on ").hasMessageContaining("is not Flotilla's")
                    .hasMessageContaining("as Laravel's migrations table has").hasMessageContaining("historyTable:")
                    .hasMessageContaining("flotilla adopt --from laravel:migrations");
        }
    }

    @Test
    void a_target_without_the_tools_table_says_what_to_do() throws SQLException {
        sql();
        assertThatThrownBy(() -> adoption().adopt(HistorySource.parse("flyway"), false, false))
                .hasMessageContaining("No flyway (flyway_schema_history) table").hasMessageContaining("flotilla baseline");
        assertThatThrownBy(() -> HistorySource.parse("rails")).hasMessageContaining("flyway, laravel, liquibase or table:NAME");
    }
}
