package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL fleet whose backup fails, pg_dump echoing its connection (a stand-in first on the PATH that prints the
 * PGPASSWORD Flotilla gave it, as a keyword and bare, and fails): the tenancy's password reaches neither deploy's and
 * backup's --json and stderr, the task log, the audit, nor any file under the fleet's folder (their stderr and the
 * control plane's file among them).
 */
class CliBackupSecretsPostgresIT {
    @TempDir
    Path temp;

    @Test
    void a_failed_backup_whose_pg_dump_echoes_the_password_shows_it_nowhere() throws Exception {
        FleetSetup fleet = new FleetSetup(temp.resolve("fleet"), "");
        fleet.addTenants(1);
        try {
            assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
            fleet.migration("V3__more.sql", "CREATE TABLE more_notes (id INT);\n");
            Files.writeString(fleet.config, Files.readString(fleet.config).replace("backup: false", "backup: true"));
            Map<String, String> echoing = Map.of("PATH", echoingPgDump() + File.pathSeparator + System.getenv("PATH"));

            String deploy = Programs.outputOnceEnded(fleet.start(echoing, "--json", "deploy", "--all", "--yes"), 120);
            String backup = Programs.outputOnceEnded(fleet.start(echoing, "--json", "backup", "--all"), 120);
            String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(deploy).at("/data/deployment").asText();
            CliRun log = fleet.run("deployments", "show", id, "--log");
            CliRun audit = fleet.run("audit", "--json");

            assertThat(deploy).contains("BACKUP_FAILED", "pg_dump exited with 2", "PGPASSWORD=****", "as ****");
            assertThat(backup).contains("BACKUP_FAILED", "as ****");
            assertThat(log.out()).as(log.err()).contains("pg_dump exited with 2", "as ****");
            for (String output : List.of(deploy, backup, log.out() + log.err(), audit.out() + audit.err())) {
                assertThat(output).doesNotContain(FleetSetup.SECRET);
            }
            assertThat(fleet.filesHoldingTheSecret()).isEmpty();
        } finally {
            fleet.dropSchemas();
        }
    }

    /** A pg_dump that prints the password it was given, as a client echoing its connection, and fails. */
    private Path echoingPgDump() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path dump = bin.resolve("pg_dump");
        Files.writeString(dump, """
                #!/bin/sh
                echo "pg_dump: error: connecting with PGPASSWORD=$PGPASSWORD as $PGPASSWORD failed" >&2
                exit 2
                """);
        Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }
}
