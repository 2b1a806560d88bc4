package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLoaderTest {
    @TempDir
    Path folder;

    private final MigrationLoader loader = new MigrationLoader(Set.of("app_role"));

    private void write(String name, String content) throws Exception {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void reads_flyway_numbered_and_golang_names_mixed_in_version_order() throws Exception {
        write("V1.2__add_users.sql", "SELECT 2;");
        write("U1.2__add_users.sql", "SELECT -2;");
        write("001_initial_schema.sql", "SELECT 1;");
        write("2025_11_serial_system_integration.sql", "SELECT 3;");
        write("2025_11_serial_system_integration.down.sql", "SELECT -3;");
        write("000003_create_teams.up.sql", "SELECT 4;");
        write("000003_create_teams.down.sql", "SELECT -4;");
        write("V2025_11_01__later.sql", "SELECT 5;");
        write("R__views.sql", "SELECT 6;");

        LoadedMigrations loaded = loader.load(folder);

        assertThat(loaded.versioned()).extracting(m -> m.version().toString())
                .containsExactly("1", "1.2", "3", "2025.11", "2025.11.1");
        assertThat(loaded.versioned()).extracting(Migration::description)
                .containsExactly("initial schema", "add users", "create teams", "serial system integration", "later");
        assertThat(loaded.find(MigrationVersion.parse("1.2")).flatMap(Migration::downScript)).get()
                .extracting(DownScript::script).isEqualTo("U1.2__add_users.sql");
        assertThat(loaded.find(MigrationVersion.parse("2025.11")).flatMap(Migration::downScript)).isPresent();
        assertThat(loaded.find(MigrationVersion.parse("3")).flatMap(Migration::downScript)).isPresent();
        assertThat(loaded.find(MigrationVersion.parse("1")).flatMap(Migration::downScript)).isEmpty();
        assertThat(loaded.repeatables()).extracting(Migration::script).containsExactly("R__views.sql");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void each_duplicate_version_is_told_a_free_version_above_the_newest_in_the_folders_naming() throws Exception {
        write("001_a.sql", "SELECT 1;");
        write("002_b.sql", "SELECT 2;");
        write("002_c.sql", "SELECT 2;");
        write("003_d.sql", "SELECT 3;");
        write("003_e.sql", "SELECT 3;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e ->
                assertThat(e.findings()).extracting(LoadFinding::message).containsExactly(
                        "has the same version as 002_b.sql: version 2 (versions compare as numbers: 1, 1.0 and 001 are the"
                        + " same). Rename or remove one of them. A free version: rename 002_c.sql 004_c.sql (its down file"
                        + " alike, if it has one); if a target already applied 002_c.sql, rename 002_b.sql 004_b.sql"
                        + " instead: the file a target applied keeps its version.",
                        "has the same version as 003_d.sql: version 3 (versions compare as numbers: 1, 1.0 and 001 are the"
                        + " same). Rename or remove one of them. A free version: rename 003_e.sql 005_e.sql (its down file"
                        + " alike, if it has one); if a target already applied 003_e.sql, rename 003_d.sql 005_d.sql"
                        + " instead: the file a target applied keeps its version."));
    }

    @Test
    void a_duplicate_flyway_or_dated_version_is_told_a_free_one_in_its_shape() throws Exception {
        Path flyway = Files.createDirectories(folder.resolve("flyway"));
        Path dated = Files.createDirectories(folder.resolve("dated"));
        for (String name : new String[] {"V1__a.sql", "V2__b.sql", "V2__c.sql"}) {
            Files.writeString(flyway.resolve(name), "SELECT 1;");
        }
        for (String name : new String[] {"2999_10_a.sql", "2999_11_b.sql", "2999_11_c.sql"}) {
            Files.writeString(dated.resolve(name), "SELECT 1;");
        }

        assertThatThrownBy(() -> loader.load(flyway)).isInstanceOfSatisfying(InvalidMigrationsException.class, e ->
                assertThat(e.getMessage()).contains("A free version: rename V2__c.sql V3__c.sql"));
        assertThatThrownBy(() -> loader.load(dated)).isInstanceOfSatisfying(InvalidMigrationsException.class, e ->
                assertThat(e.getMessage()).contains("A free version: rename 2999_11_c.sql 2999_12_c.sql"));
    }

    @Test
    void a_duplicate_version_names_the_rename_of_the_other_file_for_when_this_one_is_the_one_already_applied() throws Exception {
        Path flyway = Files.createDirectories(folder.resolve("applied"));
        for (String name : new String[] {"V1__a.sql", "V2__b.sql", "V2__c.sql"}) {
            Files.writeString(flyway.resolve(name), "SELECT 1;");
        }

        assertThatThrownBy(() -> loader.load(flyway)).isInstanceOfSatisfying(InvalidMigrationsException.class, e ->
                assertThat(e.getMessage()).contains("A free version: rename V2__c.sql V3__c.sql (its down file alike, if"
                        + " it has one); if a target already applied V2__c.sql, rename V2__b.sql V3__b.sql instead: the"
                        + " file a target applied keeps its version"));
    }

    @Test
    void a_golang_migrate_name_has_the_integer_before_its_first_underscore_as_version_and_the_rest_as_title() throws Exception {
        write("000010_100_users.up.sql", "SELECT 10;");
        write("000010_100_users.down.sql", "SELECT -10;");
        write("000011_2fa.up.sql", "SELECT 11;");
        write("2025_11_serial_system_integration.sql", "SELECT 3;");
        write("2025_11_serial_system_integration.down.sql", "SELECT -3;");

        LoadedMigrations loaded = loader.load(folder);

        assertThat(loaded.versioned()).extracting(m -> m.version().toString(), Migration::description)
                .containsExactly(tuple("10", "100 users"), tuple("11", "2fa"), tuple("2025.11", "serial system integration"));
        assertThat(loaded.find(MigrationVersion.parse("10")).flatMap(Migration::downScript)).get()
                .extracting(DownScript::script).isEqualTo("000010_100_users.down.sql");
        assertThat(loaded.find(MigrationVersion.parse("2025.11")).flatMap(Migration::downScript)).isPresent();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void golang_migrate_names_sharing_their_integer_version_are_refused_saying_how_to_rename_them() throws Exception {
        write("2025_11_teams.up.sql", "SELECT 1;");
        write("2025_12_users.up.sql", "SELECT 2;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code).containsExactly(ErrorCode.DUPLICATE_VERSION);
            assertThat(e.getMessage()).contains("2025_12_users.up.sql", "2025_11_teams.up.sql", "version 2025",
                    "the integer before the first '_'", "202512_users.up.sql", "V2025_12__users.sql");
        });
    }

    @Test
    void a_down_file_that_could_undo_a_numbered_or_a_golang_migrate_file_is_refused_naming_both() throws Exception {
        write("2025_11_teams.sql", "SELECT 1;");
        write("2025_11_teams.up.sql", "SELECT 2;");
        write("2025_11_teams.down.sql", "SELECT -1;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code, LoadFinding::file)
                    .containsExactly(tuple(ErrorCode.BAD_FILE_NAME, "2025_11_teams.down.sql"));
            assertThat(e.getMessage()).contains("2025_11_teams.sql (version 2025.11)", "2025_11_teams.up.sql (version 2025)",
                    "Rename");
        });
    }

    @Test
    void a_flyway_name_with_one_underscore_is_refused_naming_the_name_it_needs_not_a_file_passed_over() throws Exception {
        write("V1__ok.sql", "SELECT 1;");
        write("V5_add_color.sql", "ALTER TABLE t ADD COLUMN color INT;");
        write("R_views.sql", "SELECT 1;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code).containsOnly(ErrorCode.BAD_FILE_NAME).hasSize(2);
            assertThat(e.getMessage()).contains("R_views.sql", "Rename it R__views.sql", "V5_add_color.sql",
                    "Rename it V5__add_color.sql", "two underscores");
        });
    }

    @Test
    void files_matching_no_pattern_are_warnings_naming_them() throws Exception {
        write("V1__ok.sql", "SELECT 1;");
        write("notes.sql", "-- scratch");
        write("README.md", "# about");
        write(".hidden.sql", "SELECT 1;");
        Files.createDirectories(folder.resolve("checks"));

        LoadedMigrations loaded = loader.load(folder);

        assertThat(loaded.migrations()).hasSize(1);
        assertThat(loaded.warnings()).extracting(LoadFinding::file).containsExactly("README.md", "notes.sql");
        assertThat(loaded.warnings().get(0).message()).contains("ignored", "V1__name.sql");
    }

    @Test
    void a_migration_whose_ending_is_not_in_lower_case_is_refused_naming_what_to_rename_it() throws Exception {
        write("V1__ok.sql", "SELECT 1;");
        write("V8__Mixed.Sql", "SELECT 8;");
        write("000009_gm.DOWN.sql", "SELECT -9;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code).containsOnly(ErrorCode.BAD_FILE_NAME).hasSize(2);
            assertThat(e.getMessage()).contains("V8__Mixed.Sql", "Rename it V8__Mixed.sql", "000009_gm.DOWN.sql",
                    "would run forward", "Rename it 000009_gm.down.sql");
        });
    }

    @Test
    void an_up_suffix_not_in_lower_case_reads_as_before_with_a_warning() throws Exception {
        write("000007_gm.UP.sql", "SELECT 7;");

        LoadedMigrations loaded = loader.load(folder);

        assertThat(loaded.versioned()).extracting(m -> m.version().toString()).containsExactly("7");
        assertThat(loaded.versioned()).extracting(Migration::description).containsExactly("gm.UP");
        assertThat(loaded.warnings()).singleElement().extracting(LoadFinding::message).asString()
                .contains("Rename it 000007_gm.up.sql (the version stays)");
    }

    @Test
    void an_up_suffix_not_in_lower_case_on_a_name_of_several_numbers_names_the_version_the_renamed_file_would_have()
            throws Exception {
        write("000010_100_users.UP.sql", "SELECT 10;");

        LoadedMigrations loaded = loader.load(folder);

        assertThat(loaded.versioned()).extracting(m -> m.version().toString()).containsExactly("10.100");
        assertThat(loaded.warnings()).singleElement().extracting(LoadFinding::message).asString()
                .doesNotContain("the version stays")
                .contains("Renamed 000010_100_users.up.sql it would read as version 10, not 10.100")
                .contains("rename it V10.100__users.sql to keep version 10.100");
    }

    @Test
    void every_error_in_the_folder_is_reported_together() throws Exception {
        write("V1__a.sql", "SELECT 1;");
        write("001_b.sql", "SELECT 1;");
        write("V1.0__c.sql", "SELECT 1;");
        write("U7__orphan.sql", "SELECT 1;");
        write("V2__p.sql", "SELECT 1;\nSELECT '${nope}';");
        write("V3__latin1.sql", "");
        Files.write(folder.resolve("V3__latin1.sql"), new byte[] {'S', 'E', 'L', (byte) 0xE9, ';'});
        write("V1..2__bad.sql", "SELECT 1;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code).containsExactlyInAnyOrder(ErrorCode.DUPLICATE_VERSION,
                    ErrorCode.DUPLICATE_VERSION, ErrorCode.ORPHAN_DOWN_FILE, ErrorCode.UNKNOWN_PLACEHOLDER,
                    ErrorCode.UNREADABLE_FILE, ErrorCode.INVALID_VERSION);
            assertThat(e.getMessage()).contains("001_b.sql", "V1__a.sql", "V1.0__c.sql", "U7__orphan.sql", "${nope}",
                    "V2__p.sql:2", "V3__latin1.sql", "UTF-8", "V1..2__bad.sql");
        });
    }

    @Test
    void a_script_that_cannot_be_split_is_reported_with_the_naming_problems_not_after_them() throws Exception {
        write("V1__a.sql", "SELECT 1;");
        write("001_b.sql", "SELECT 1;");
        write("V1..2__bad.sql", "SELECT 1;\nSELECT 'never closed;\n");
        write("V2__str.sql", "CREATE TABLE t (id INT);\n\nINSERT INTO t VALUES ('${app_role});\n");
        write("U2__str.sql", "/* never closed\nDROP TABLE t;\n");
        write("R__views.sql", "CREATE VIEW v AS SELECT 1;\n");
        write("V3__fn.sql", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n");
        write("V4__open_body.sql", "CREATE FUNCTION g() RETURNS int AS $$\nSELECT 1;\n");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code, LoadFinding::file, LoadFinding::line)
                    .containsExactlyInAnyOrder(tuple(ErrorCode.DUPLICATE_VERSION, "V1__a.sql", 0),
                            tuple(ErrorCode.INVALID_VERSION, "V1..2__bad.sql", 0),
                            tuple(ErrorCode.SQL_PARSE_ERROR, "V1..2__bad.sql", 2),
                            tuple(ErrorCode.SQL_PARSE_ERROR, "V2__str.sql", 3),
                            tuple(ErrorCode.SQL_PARSE_ERROR, "U2__str.sql", 1));
            assertThat(e.code()).as("a naming problem comes first, as before").isEqualTo(ErrorCode.INVALID_VERSION);
            assertThat(e.getMessage()).contains("V2__str.sql:3: cannot be split into statements in any dialect's syntax",
                    "U2__str.sql:1:").doesNotContain("V3__fn.sql", "V4__open_body.sql", "R__views.sql");
        });
    }

    @Test
    void with_the_targets_dialect_a_script_is_split_as_that_dialect_splits_it() throws Exception {
        write("V1__a.sql", "SELECT 1;");
        write("001_b.sql", "SELECT 1;");
        write("V3__fn.sql", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n");
        write("V4__open_body.sql", "SELECT 1;\nCREATE FUNCTION g() RETURNS int AS $$\nSELECT 1;\n");
        MigrationLoader postgres = new MigrationLoader(Set.of(), dev.flotilla.sql.Dialect.forUrl("jdbc:postgresql://db/app"));

        assertThatThrownBy(() -> postgres.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code, LoadFinding::file, LoadFinding::line)
                    .containsExactlyInAnyOrder(tuple(ErrorCode.DUPLICATE_VERSION, "V1__a.sql", 0),
                            tuple(ErrorCode.SQL_PARSE_ERROR, "V4__open_body.sql", 2));
            assertThat(e.getMessage()).contains("V4__open_body.sql:2: cannot be split into statements: ")
                    .doesNotContain("any dialect");
        });
    }

    @Test
    void a_down_file_for_a_repeatable_is_refused_never_run_forward() throws Exception {
        write("V1__t.sql", "CREATE TABLE t (id INT);");
        write("R__views.sql", "CREATE VIEW v_t AS SELECT id FROM t;");
        write("R__views.down.sql", "DROP TABLE t;");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(InvalidMigrationsException.class, e -> {
            assertThat(e.findings()).extracting(LoadFinding::code).containsExactly(ErrorCode.ORPHAN_DOWN_FILE);
            assertThat(e.getMessage()).contains("R__views.down.sql", "repeatable", "Delete or rename it");
        });
    }

    @Test
    void known_placeholders_are_accepted_in_up_and_down_files() throws Exception {
        write("V1__grants.sql", "GRANT SELECT ON t TO ${app_role}; -- in ${schema} for ${tenant}");
        write("V1__grants.down.sql", "SELECT 1;");
        write("U1__grants.sql", "REVOKE SELECT ON t FROM ${app_role};");

        assertThatThrownBy(() -> loader.load(folder)).isInstanceOf(InvalidMigrationsException.class)
                .hasMessageContaining("V1__grants.down.sql: is a second down file, besides U1__grants.sql: version 1");
        Files.delete(folder.resolve("V1__grants.down.sql"));

        assertThat(loader.load(folder).migrations()).hasSize(1);
    }

    @Test
    void a_bom_and_crlf_line_endings_do_not_change_the_checksum() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id INT);\nSELECT 1;\n");
        String plain = loader.load(folder).migrations().get(0).checksum();
        write("V1__a.sql", "\uFEFFCREATE TABLE a (id INT);\r\nSELECT 1;\r\n");
        String windows = loader.load(folder).migrations().get(0).checksum();
        write("V1__a.sql", "CREATE TABLE a (id BIGINT);\nSELECT 1;\n");
        String edited = loader.load(folder).migrations().get(0).checksum();

        assertThat(windows).isEqualTo(plain);
        assertThat(edited).isNotEqualTo(plain).hasSize(64);
        assertThat(loader.load(folder).migrations().get(0).sql()).doesNotContain("\r");
    }

    @Test
    void a_missing_folder_names_its_absolute_path() {
        assertThatThrownBy(() -> loader.load(folder.resolve("nope"))).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATIONS_NOT_FOUND);
            assertThat(e.getMessage()).contains(folder.resolve("nope").toAbsolutePath().toString(), "--migrations");
        });
    }

    @Test
    void an_empty_folder_has_no_migrations_and_no_error() {
        assertThat(loader.load(folder).migrations()).isEmpty();
    }
}
