package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's files step over several migration folders (`migrations: [a, b]`) and a test-only one: every folder's
 * files are listed as one set by version, each saying which folder holds it (two files in different folders may differ
 * only by folder), a test-only one marked so.
 */
class ConsoleSeveralFoldersIT extends ConsoleOverHttp {
    private Path shared;
    private Path testOnly;

    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            try {
                shared = Files.createDirectories(folder.resolve("shared-migrations"));
                testOnly = Files.createDirectories(folder.resolve("test-migrations"));
                Files.writeString(shared.resolve("V40__shared_notes.sql"), "CREATE TABLE shared_notes (id INT PRIMARY KEY);\n");
                Files.writeString(testOnly.resolve("V988__test_rows.sql"), "CREATE TABLE test_rows (id INT PRIMARY KEY);\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            MigrationFolders folders = new MigrationFolders(List.of(fleet.template().migrations(), shared), List.of(testOnly));
            return new ConsoleFleet(fleet.plane(), fleet.tenancy(), fleet.template().withFolders(folders), fleet.deploy(),
                    fleet.dryRun());
        });
    }

    @Test
    void the_files_step_lists_every_folder_s_files_each_with_its_folder() throws Exception {
        String page = get("/wizard/files", null, adminSession()).body();

        String first = demo.fleet.template().migrations().toString();
        String sharedRow = row(page, "V40__shared_notes.sql");
        String testRow = row(page, "V988__test_rows.sql");
        assertThat(sharedRow).contains("in " + shared).doesNotContain(first);
        assertThat(testRow).contains("in " + testOnly, "test-only");
        assertThat(page).as("the demo's own files, from the first folder").contains("in " + first);
        assertThat(page.indexOf("data-file=\"V40__shared_notes.sql\"")).isLessThan(page.indexOf("data-file=\"V988__test_rows.sql\""));
        assertThat(page).contains(testOnly + ": is a test-only folder");
    }

    private static String row(String page, String script) {
        int at = page.indexOf("data-file=\"" + script + "\"");
        assertThat(at).as(script + " listed in " + page).isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }
}
