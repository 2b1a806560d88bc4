package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment's backup whose pg_dump finds the server refusing connections (restarting) is retried as the migrations
 * are, with --retries. pg_dump is a stand-in on the PATH of a second JVM: refused once, then the real one.
 */
class BackupRetryIT {
    @TempDir
    Path temp;
    final String prefix = TestDatabases.uniqueName();
    final TargetSpec tenant = TestDatabases.postgres(prefix + "_t000");

    @AfterEach
    void dropTenant() {
        TestDatabases.drop(tenant);
    }

    private static String realPgDump() {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(folder -> Path.of(folder, "pg_dump"))
                .filter(Files::isExecutable).findFirst().orElseThrow().toString();
    }

    @Test
    void a_backup_refused_by_a_restarting_server_is_tried_again_and_the_attempt_is_in_the_task_log() throws Exception {
        try (Connection admin = TestDatabases.connect(tenant)) {
            Jdbc.execute(admin, "CREATE SCHEMA " + tenant.schema());
            Jdbc.execute(admin, "CREATE TABLE " + tenant.schema() + ".legacy (id INTEGER)"); // something to back up
        }
        MigrationFolder migrations = new MigrationFolder(temp.resolve("migrations"));
        migrations.write("V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path pgDump = Files.writeString(bin.resolve("pg_dump"), """
                #!/bin/sh
                if [ ! -e "$FAKE_DIR/refused" ]; then
                  touch "$FAKE_DIR/refused"
                  echo 'pg_dump: error: connection to server at "127.0.0.1", port 5432 failed: Connection refused' >&2
                  exit 1
                fi
                exec %s "$@"
                """.formatted(realPgDump()));
        assertThat(pgDump.toFile().setExecutable(true)).isTrue();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeploysWithBackup.class.getName(), prefix, migrations.path().toString(), temp.resolve("backups").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("FAKE_DIR", temp.toString());
        Process deploy = builder.start();
        String output = new String(deploy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(deploy.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).startsWith("ok=true attempts=2 backups=1")
                .contains("attempt 1: Backing up " + tenant.displayName() + " failed: pg_dump exited with 1")
                .contains("Connection refused").contains("retrying in 50 ms");
    }
}
