package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code flotilla backup} killed (SIGKILL) while mariadb-dump waits for a table the test holds cannot delete the
 * option file holding the password; the next flotilla to start does.
 */
class CliClientOptionFileKillIT {
    @TempDir
    Path temp;
    final String database = "flm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @AfterEach
    void tearDown() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS " + database);
    }

    @Test
    void the_option_file_of_a_killed_backup_is_deleted_by_the_next_start() throws Exception {
        Path config = SharedSchemaConfig.on(TestDatabases.mariadbUrl(database)).user(TestDatabases.MARIADB_USER)
                .deploy("lockTimeout: 10m").writeIn(temp);
        Files.writeString(Files.createDirectories(temp.resolve("migrations")).resolve("V1__notes.sql"),
                "CREATE TABLE notes (id INT PRIMARY KEY, tenant_id VARCHAR(20) NOT NULL, KEY tenant (tenant_id));\n");
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        try (Connection connection = TestDatabases.connect(TestDatabases.mariadb(null));
             Statement holder = connection.createStatement()) {
            holder.execute("CREATE DATABASE " + database);
            for (String[] args : List.of(new String[] {"tenants", "add", "acme"}, new String[] {"deploy", "--all", "--yes"})) {
                CliRun run = CliRun.of(Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new));
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            }
            holder.execute("LOCK TABLES " + database + ".notes WRITE");

            Process backup = flotilla(tmp, "backup", "--all", "--config", config.toString());
            Path optionFile = awaitOptionFile(tmp.resolve("flotilla-" + System.getProperty("user.name") + "-client"), backup);
            List<ProcessHandle> clients = backup.descendants().toList();
            backup.destroyForcibly().waitFor();
            clients.forEach(ProcessHandle::destroyForcibly);
            assertThat(optionFile).as("a killed process deletes nothing").exists();

            Process next = flotilla(tmp, "--version");
            assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(optionFile).as("deleted by the next start").doesNotExist();
        }
    }

    private static Path awaitOptionFile(Path folder, Process backup) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && backup.isAlive()) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    var found = files.filter(f -> f.getFileName().toString().endsWith(".cnf")).findFirst();
                    if (found.isPresent() && !backup.descendants().toList().isEmpty()) {
                        return found.get();
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("no option file in " + folder + " while the backup ran (alive: " + backup.isAlive() + ")");
    }

    /** flotilla as a process of its own, its temporary folder {@code tmp}. */
    private static Process flotilla(Path tmp, String... args) throws Exception {
        List<String> command = Programs.flotillaCommand(List.of("-Djava.io.tmpdir=" + tmp), args);
        return new ProcessBuilder(command).redirectOutput(tmp.resolve("out-" + System.nanoTime()).toFile())
                .redirectError(tmp.resolve("err-" + System.nanoTime()).toFile()).start();
    }
}
