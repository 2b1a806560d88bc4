package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One H2 target whose migrations live in two folders ({@code migrations} and {@code legacy}, as {@code --migrations}
 * given twice): what its history records by name alone (a failed migration, a failed rollback, a file since deleted) is
 * named in {@code status}, {@code repair} and {@code rollback} by the file's path, as a failed statement is, in the text
 * and {@code --json} alike; a file no folder holds any more keeps its name, said to be in none of them. H2 commits each
 * DDL statement by itself, so a failure at statement 2 leaves statement 1 applied.
 */
class CliHistoryFilesByPathH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:fxb_paths_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    private Path migrations;
    private Path legacy;

    @BeforeEach
    void twoFolders() throws Exception {
        migrations = Files.createDirectories(temp.resolve("migrations"));
        legacy = Files.createDirectories(temp.resolve("legacy"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n");
    }

    @Test
    void a_failed_migration_of_the_second_folder_is_named_by_its_path_in_status_repair_and_rollback() throws Exception {
        Files.writeString(legacy.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT);\nINSERT INTO missing VALUES (1);\n");
        Files.writeString(legacy.resolve("U2__tags.sql"), "DROP TABLE tags;\n");
        Files.writeString(migrations.resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        assertThat(run("migrate").exitCode()).isEqualTo(1);
        String path = legacy.resolve("V2__tags.sql").toString();

        CliRun status = run("status");
        CliRun statusJson = run("status", "--json");
        CliRun repair = run("repair");
        CliRun repairJson = run("repair", "--json");
        CliRun rollback = run("rollback", "--steps", "1", "--yes");
        CliRun rollbackJson = run("rollback", "--steps", "1", "--yes", "--json");

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out() + status.err()).contains("The version 2 (tags) (" + path + ") failed on");
        assertThat(statusJson.json().at("/errors/0/message").asText()).contains("(" + path + ") failed on");
        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isEqualTo(1);
        assertThat(repair.out() + repair.err()).contains("failed at statement 2 of " + path + " on",
                "undo by hand what ran: statement 1 (line 1): `CREATE TABLE tags (id INT)`");
        assertThat(repairJson.json().at("/errors/0/message").asText()).contains("failed at statement 2 of " + path + " on");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertThat(rollback.out() + rollback.err()).contains("with statement 1 of " + path + " still applied");
        assertThat(rollbackJson.json().at("/errors/0/message").asText()).contains("with statement 1 of " + path + " still applied");
    }

    @Test
    void a_file_its_history_names_that_no_folder_holds_any_more_keeps_its_name_said_to_be_in_none_of_them() throws Exception {
        Files.writeString(legacy.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT);\n");
        Files.writeString(legacy.resolve("V3__labels.sql"), "CREATE TABLE labels (id INT);\nINSERT INTO missing VALUES (1);\n");
        assertThat(run("migrate").exitCode()).isEqualTo(1);
        Files.delete(legacy.resolve("V2__tags.sql"));
        Files.delete(legacy.resolve("V3__labels.sql"));

        CliRun status = run("status");
        CliRun statusJson = run("status", "--json");

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out() + status.err()).contains("The version 2 (tags) (V2__tags.sql (in none of the migration"
                + " folders)) is applied on", "The version 3 (labels) (V3__labels.sql (in none of the migration folders))"
                + " failed on").doesNotContain(legacy.resolve("V2__tags.sql").toString());
        assertThat(statusJson.json().at("/errors").toString()).contains("V2__tags.sql (in none of the migration folders)",
                "V3__labels.sql (in none of the migration folders)");
    }

    @Test
    void a_failed_rollback_names_the_down_file_by_its_path_in_status_and_repair() throws Exception {
        Files.writeString(legacy.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT);\nCREATE TABLE labels (id INT);\n");
        Files.writeString(legacy.resolve("U2__tags.sql"), "DROP TABLE labels;\nDROP TABLE tags_typo;\n");
        assertThat(run("migrate").exitCode()).isZero();
        CliRun rolledBack = run("rollback", "--steps", "1", "--yes");
        String down = legacy.resolve("U2__tags.sql").toString();
        assertThat(rolledBack.out() + rolledBack.err()).contains(down + " failed at statement 2 of 2",
                "Statement 1 of " + down + " ran and stays done");

        CliRun status = run("status");
        CliRun statusJson = run("status", "--json");
        CliRun markApplied = run("repair", "--mark-applied", "2", "--json");
        CliRun repair = run("repair");

        assertThat(status.out() + status.err()).contains("Rolling back version 2 (tags) failed on", "at statement 2 of " + down + ".");
        assertThat(statusJson.json().at("/errors/0/message").asText()).contains("at statement 2 of " + down + ".");
        assertThat(markApplied.json().at("/errors/0/message").asText()).contains("is its rollback (" + down + "), not the migration");
        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.out()).contains("Removed the failed rollback of version 2 (tags) (it had failed at statement 2 of "
                + down + ")", "what statement 1 of " + down + " undid stays undone");
    }

    @Test
    void a_rollback_refused_for_want_of_a_down_file_names_the_file_by_its_path_the_folders_looked_in_and_the_file_to_write()
            throws Exception {
        Files.writeString(legacy.resolve("V2__tags.sql"), "CREATE TABLE tags (id INT);\n");
        assertThat(run("migrate").exitCode()).isZero();

        CliRun rollback = run("rollback", "--steps", "1", "--yes");
        CliRun rollbackJson = run("rollback", "--steps", "1", "--yes", "--json");

        String said = "The version 2 (tags) (" + legacy.resolve("V2__tags.sql") + ") has no down file (U2__*.sql or"
                + " V2__tags.down.sql) in any of the migration folders (" + legacy + ", " + migrations + "), so it cannot be"
                + " rolled back. Write " + legacy.resolve("U2__tags.sql") + ", or restore from a backup.";
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isNotZero();
        assertThat(rollback.out() + rollback.err()).contains("NO_DOWN_FILE", said);
        assertThat(rollbackJson.json().at("/errors/0/message").asText()).contains(said);
    }

    private CliRun run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        args.addAll(List.of("--url", url, "--user", "sa", "--migrations", migrations.toString(), "--migrations",
                legacy.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }
}
