package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientOptionFilesTest {
    @TempDir
    Path temp;

    @Test
    void the_next_start_deletes_the_option_files_of_processes_that_are_gone_and_keeps_those_of_running_ones() throws Exception {
        Path folder = ClientOptionFiles.ownFolder(temp.resolve("options"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        ProcessHandle self = ProcessHandle.current();
        long selfStart = self.info().startInstant().orElseThrow().toEpochMilli();
        Path killed = Files.writeString(folder.resolve("client-" + ended.pid() + "-0-123.cnf"), "[client]\npassword=\"x\"\n");
        Path reusedPid = Files.writeString(folder.resolve("client-" + self.pid() + "-" + (selfStart - 3_600_000) + "-1.cnf"), "x");
        Path running = Files.writeString(folder.resolve("client-" + self.pid() + "-" + selfStart + "-2.cnf"), "x");
        Path notOurs = Files.writeString(folder.resolve("notes.txt"), "an operator's own file");

        ClientOptionFiles.sweepStale(folder);

        assertThat(killed).doesNotExist();
        assertThat(reusedPid).as("its pid now runs another process, started later").doesNotExist();
        assertThat(running).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void an_option_file_is_readable_by_its_owner_only_in_a_folder_of_its_own_named_for_this_process() throws Exception {
        Path file = ClientOptionFiles.create();
        try {
            assertThat(file.getParent()).isEqualTo(ClientOptionFiles.folder());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(file.getFileName().toString()).startsWith("client-" + ProcessHandle.current().pid() + "-");
            assertThat(ClientOptionFiles.ownerAlive(file.getFileName().toString())).isTrue();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void a_folder_that_is_a_link_is_refused_rather_than_written_into() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("options"), elsewhere);

        assertThatThrownBy(() -> ClientOptionFiles.ownFolder(link)).isInstanceOf(FlotillaException.class)
                .hasMessageContainingAll(link.toString(), "not a folder of this user's own", "Remove it");
    }
}
