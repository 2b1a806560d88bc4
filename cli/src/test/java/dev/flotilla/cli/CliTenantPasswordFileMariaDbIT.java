package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB tenant whose own user's password is in a file ({@code --password-file}), the server checking it (the
 * PostgreSQL of the tests trusts 127.0.0.1: see CliTenantPasswordFilePostgresIT): the right one deploys, a wrong one is
 * AUTHENTICATION_FAILED naming the tenant's user, and neither password reaches stdout, stderr, the JSON or the audit log.
 */
class CliTenantPasswordFileMariaDbIT {
    private static final String PASSWORD = "AcmeFileS3cret-" + UUID.randomUUID();
    private static final String WRONG = "WrongFileS3cret-" + UUID.randomUUID();

    @TempDir
    Path temp;
    final String prefix = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s_nobody
                deploy:
                  backup: false
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), prefix), StandardCharsets.UTF_8);
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        sql("CREATE DATABASE " + prefix + "_acme", "CREATE USER '" + user() + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT ALL ON " + prefix + "_acme.* TO '" + user() + "'@'%'");
        Files.writeString(temp.resolve("acme.pw"), PASSWORD + "\n");
        CliRun add = flotilla("tenants", "add", "acme", "--user", user(), "--password-file", "acme.pw");
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("DROP DATABASE IF EXISTS " + prefix + "_acme", "DROP USER IF EXISTS '" + user() + "'@'%'");
    }

    private String user() {
        return prefix + "_acme";
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    @Test
    void a_wrong_password_in_the_file_is_an_authentication_failure_naming_the_tenants_user_and_never_a_password()
            throws Exception {
        CliRun right = flotilla("deploy", "--all", "--yes", "--json");
        Files.writeString(temp.resolve("acme.pw"), WRONG + "\n");
        Files.writeString(temp.resolve("migrations/V2__tags.sql"), "CREATE TABLE tags (id INT PRIMARY KEY);\n");
        CliRun wrong = flotilla("deploy", "--all", "--yes", "--json");
        CliRun wrongText = flotilla("status", "--fleet", "--live");
        CliRun audit = flotilla("audit", "--json");

        assertThat(right.exitCode()).as(right.out() + right.err()).isZero();
        assertThat(wrong.exitCode()).as(wrong.out() + wrong.err()).isEqualTo(1);
        JsonNode error = wrong.json().at("/errors/0");
        assertThat(error.get("code").asText()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(error.get("tenant").asText()).isEqualTo("acme");
        assertThat(error.get("message").asText()).contains("Authentication failed for user '" + user() + "'",
                "the file " + temp.resolve("acme.pw") + " (tenant acme)");
        assertThat(wrongText.exitCode()).isEqualTo(1);
        assertThat(wrongText.out() + wrongText.err()).contains("AUTHENTICATION_FAILED", user());
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        for (CliRun run : List.of(right, wrong, wrongText, audit)) {
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD, WRONG);
        }
        try (var files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("acme.pw")).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(PASSWORD, WRONG);
            }
        }
    }

    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), statements);
    }
}
