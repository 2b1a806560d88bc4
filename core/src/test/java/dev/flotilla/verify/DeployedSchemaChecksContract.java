package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * history and expected-objects on every database: the deployed target compared with its migration files and with
 * what the dry run predicted.
 */
interface DeployedSchemaChecksContract extends VerifyFixture {
    @Test
    default void history_names_an_edited_file_and_a_version_not_recorded() throws Exception {
        migrate(GOOD);
        files().write("V1__base.sql", GOOD + "-- edited\n");

        CheckResult result = verify(ALL, null, flotilla().migrations(), List.of("1", "2"), null).stream()
                .filter(r -> r.id().equals("history")).findFirst().orElseThrow();

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("version 1: the recorded checksum differs from V1__base.sql (edited"
                + " after it was applied)", "version 2 was applied but is not recorded as successful");
    }

    @Test
    default void history_names_an_edited_file_of_one_of_several_folders_by_its_path() throws Exception {
        migrate(GOOD);
        files().write("V1__base.sql", GOOD + "-- edited\n");
        var loaded = flotilla().migrations();
        var fromFolders = new dev.flotilla.migration.LoadedMigrations(loaded.migrations(), List.of(), java.util.Set.of(),
                java.util.Map.of("V1__base.sql", "legacy/V1__base.sql"));

        CheckResult result = verify(ALL, null, fromFolders, List.of("1"), null).stream()
                .filter(r -> r.id().equals("history")).findFirst().orElseThrow();

        assertThat(result.problems()).containsExactly("version 1: the recorded checksum differs from legacy/V1__base.sql"
                + " (edited after it was applied)");
    }

    @Test
    default void history_passes_after_a_rollback_and_the_same_migration_applied_again() throws Exception {
        migrate(GOOD);
        files().write("V2__quarantine.sql", "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, serial_id INTEGER);\n");
        files().write("U2__quarantine.sql", "DROP TABLE serial_quarantine;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        assertThat(flotilla().rollback(new dev.flotilla.run.RollbackRequest(1, null, null)).ok()).isTrue();
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult result = verify(ALL, null, flotilla().migrations(), List.of("2"), null).stream()
                .filter(r -> r.id().equals("history")).findFirst().orElseThrow();

        assertThat(result.status()).as(String.join("; ", result.problems())).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    default void expected_objects_compares_the_dry_run_diff_with_the_deployed_schema() throws Exception {
        migrate(GOOD);
        files().write("V2__quarantine.sql", "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, serial_id INTEGER);\n"
                + "CREATE INDEX idx_serials_no ON serials (serial_no);\n");
        SchemaDiff predicted = flotilla().dryRun().diff();
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult good = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();
        sql("DROP INDEX " + dropIndex("idx_serials_no", "serials"));
        CheckResult broken = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();

        assertThat(good.status()).as(good.message()).isEqualTo(CheckStatus.PASSED);
        assertThat(broken.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(broken.problems()).containsExactly("index idx_serials_no on serials is missing");
    }

    @Test
    default void expected_objects_expects_a_key_dropped_and_created_again_under_the_same_name_to_exist() throws Exception {
        migrate(GOOD);
        files().write("V2__serial_no.sql", "CREATE UNIQUE INDEX uq_serial_no ON serials (serial_no);\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files().write("V3__serial_no_per_company.sql", "DROP INDEX " + dropIndex("uq_serial_no", "serials") + ";\n"
                + "CREATE UNIQUE INDEX uq_serial_no ON serials (serial_no, id);\n");
        SchemaDiff predicted = flotilla().dryRun().diff();
        assertThat(predicted.names(SchemaDiff.Kind.INDEX, SchemaDiff.Action.REMOVED)).as(predicted.changes().toString())
                .contains("uq_serial_no");
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult result = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();

        assertThat(result.status()).as(result + " " + predicted.changes()).isEqualTo(CheckStatus.PASSED);
    }

    /** What follows DROP INDEX for an index of a table. */
    default String dropIndex(String index, String table) {
        return index;
    }
}
