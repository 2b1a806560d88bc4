package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB tenant logging in as its own user (a real one, with a password the server checks, read from a file) whose
 * backup fails: mariadb-dump echoing its connection (a stand-in first on the PATH that prints the option file Flotilla
 * gave it, the password bare too, and fails), then the password refused (a wrong one in the file). Neither password
 * reaches stdout, stderr, the JSON, the audit log, the deployment's task log or the control plane's file.
 */
class CliBackupSecretsMariaDbIT {
    private static final String PASSWORD = "DumpS3cret-" + UUID.randomUUID();
    private static final String WRONG = "WrongDumpS3cret-" + UUID.randomUUID();

    @TempDir
    Path temp;
    final String prefix = "flp_scrubtests_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s_nobody
                deploy:
                  backup: true
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), prefix), StandardCharsets.UTF_8);
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        sql("CREATE DATABASE " + prefix + "_acme", "CREATE TABLE " + prefix + "_acme.legacy (id INT)",
                "CREATE USER '" + prefix + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT ALL ON " + prefix + "_acme.* TO '" + prefix + "'@'%'");
        Files.writeString(temp.resolve("acme.pw"), PASSWORD + "\n");
        CliRun add = flotilla("tenants", "add", "acme", "--user", prefix, "--password-file", "acme.pw");
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("DROP DATABASE IF EXISTS " + prefix + "_acme", "DROP USER IF EXISTS '" + prefix + "'@'%'");
    }

    @Test
    void a_failed_backup_whose_dump_echoes_the_password_or_whose_login_is_refused_shows_neither_password() throws Exception {
        Path bin = echoingDump();
        Map<String, String> echoing = Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        List<String> outputs = new ArrayList<>();
        Process deploy = start(echoing, "--json", "deploy", "--all", "--yes");
        String deployJson = Programs.outputOnceEnded(deploy, 120);
        outputs.add(deployJson + Files.readString(temp.resolve("deploy.err")));
        Process backup = start(echoing, "--json", "backup", "--all");
        outputs.add(Programs.outputOnceEnded(backup, 120) + Files.readString(temp.resolve("backup.err")));
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(deployJson).at("/data/deployment").asText();
        CliRun log = flotilla("deployments", "show", id, "--log");
        Files.writeString(temp.resolve("acme.pw"), WRONG + "\n");
        CliRun refused = flotilla("deploy", "--all", "--yes", "--json");
        CliRun audit = flotilla("audit", "--json");

        assertThat(deploy.exitValue()).as(outputs.get(0)).isEqualTo(1);
        assertThat(outputs.get(0)).contains("BACKUP_FAILED", "mariadb-dump exited with 2", "connecting as ****");
        assertThat(backup.exitValue()).as(outputs.get(1)).isEqualTo(1);
        assertThat(log.out()).as(log.err()).contains("mariadb-dump exited with 2", "connecting as ****");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.json().at("/errors/0/code").asText()).as(refused.out()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(audit.out()).contains("backup");
        for (CliRun run : List.of(log, refused, audit)) {
            outputs.add(run.out() + run.err());
        }
        for (String output : outputs) {
            assertThat(output).doesNotContain(PASSWORD, WRONG);
        }
        try (var files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("acme.pw")).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(PASSWORD, WRONG);
            }
        }
    }

    /**
     * A mariadb-dump that prints the option file it was given and the password in it, as a client echoing its
     * connection, and fails.
     */
    private Path echoingDump() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path dump = bin.resolve("mariadb-dump");
        Files.writeString(dump, """
                #!/bin/sh
                for a in "$@"; do case "$a" in --defaults-file=*) f="${a#--defaults-file=}";; esac; done
                cat "$f" >&2
                echo "mariadb-dump: Got error: 1045: connecting as $(sed -n 's/^password=//p' "$f" | tr -d '"') failed" >&2
                exit 2
                """);
        Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    private Process start(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(Programs.flotillaCommand(List.of(), args));
        command.addAll(List.of("--config", temp.resolve("flotilla.yml").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectError(temp.resolve(args[1] + ".err").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), statements);
    }
}
