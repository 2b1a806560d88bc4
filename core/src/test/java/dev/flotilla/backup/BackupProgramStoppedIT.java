package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup whose dump program fails half-way, or whose process is stopped (SIGTERM) while the program writes: no
 * half-written file is left, none was ever readable by others, and no program is left running. The program is a
 * stand-in pg_dump on the PATH of a second JVM, which writes part of the file and then fails or waits.
 */
class BackupProgramStoppedIT {
    private static final String FAKE_PG_DUMP = """
            #!/bin/sh
            for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
            stat -c %a "$f" > "$FAKE_DIR/mode" 2>/dev/null || echo none > "$FAKE_DIR/mode"
            printf 'PGDMP partial' >> "$f"
            echo $$ > "$FAKE_DIR/started"
            if [ "$FAKE_MODE" = fail ]; then echo 'pg_dump: error: could not write to output file: No space left on device' >&2; exit 1; fi
            exec sleep 300
            """;

    @TempDir
    Path temp;
    TargetSpec target;
    Process backup;

    @BeforeEach
    void createTenantAndStandIn() throws Exception {
        target = TestDatabases.postgres(TestDatabases.uniqueName());
        try (Connection admin = TestDatabases.connect(target)) {
            Jdbc.execute(admin, "CREATE SCHEMA " + target.schema());
            Jdbc.execute(admin, "CREATE TABLE " + target.schema() + ".notes (id INTEGER PRIMARY KEY)");
        }
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path pgDump = Files.writeString(bin.resolve("pg_dump"), FAKE_PG_DUMP);
        assertThat(pgDump.toFile().setExecutable(true)).isTrue();
        assertThat(new ProcessBuilder("mkfifo", temp.resolve("started").toString()).start().waitFor()).isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (backup != null) {
            backup.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        TestDatabases.drop(target);
    }

    /** Starts the backup in a second JVM and returns the pid of its stand-in pg_dump once that has written part of the file. */
    private long startBackup(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TakesBackup.class.getName(),
                target.schema(), temp.resolve("backups").toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PATH", temp.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_DIR", temp.toString());
        builder.environment().put("FAKE_MODE", mode);
        backup = builder.start();
        String started = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(temp.resolve("started"));
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }).get(60, TimeUnit.SECONDS);
        return Long.parseLong(started.strip());
    }

    private List<Path> filesUnder(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void a_dump_that_fails_half_way_leaves_no_file_and_wrote_into_one_only_its_owner_could_read() throws Exception {
        startBackup("fail");
        assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(backup.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("BACKUP_FAILED: Backing up").contains("No space left on device");
        assertThat(Files.readString(temp.resolve("mode")).strip()).as("the file's mode when pg_dump started").isEqualTo("600");
        assertThat(filesUnder(temp.resolve("backups"))).as("no half-written dump left behind").isEmpty();
    }

    @Test
    void stopping_the_process_stops_its_dump_program_and_deletes_the_half_written_file() throws Exception {
        long pgDump = startBackup("wait");
        assertThat(filesUnder(temp.resolve("backups"))).hasSize(1);

        backup.destroy(); // SIGTERM, as a service manager or Ctrl-C stops it
        assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();

        ProcessHandle.of(pgDump).ifPresent(left -> {
            try {
                left.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                left.destroyForcibly();
                throw new AssertionError("pg_dump (pid " + pgDump + ") kept running after its process was stopped", e);
            }
        });
        assertThat(filesUnder(temp.resolve("backups"))).as("no half-written dump left behind").isEmpty();
    }
}
