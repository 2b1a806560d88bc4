package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that change tenants ask on a terminal before they do (the packaged jar run by failsafe, on a pseudo
 * terminal from util-linux's {@code script}): anything but yes changes nothing; yes goes ahead. A fleet of SQLite files.
 */
class ConfirmOnTerminalJarIT {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path home;

    @BeforeEach
    void fleet() throws Exception {
        assertThat(SCRIPT).as("util-linux's script (Debian's bsdutils), the pseudo terminal these tests answer on").exists();
        Path migrations = Files.createDirectories(home.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n");
        Files.writeString(migrations.resolve("U1__notes.sql"), "DROP TABLE notes;\n");
        Files.writeString(home.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "jdbc:sqlite:tenants/{tenant}.db"
                """, StandardCharsets.UTF_8);
        Files.createDirectories(home.resolve("tenants"));
        assertThat(onTerminal("", "tenants", "add", "acme")).contains("acme");
        assertThat(onTerminal("", "deploy", "--all", "--yes")).contains("Succeeded: 1", "exit 0");
    }

    @Test
    void a_rollback_asks_and_no_leaves_the_tenant_as_it_was() throws Exception {
        String answeredNo = onTerminal("n\n", "rollback", "--tenants", "acme", "--to", "0");

        assertThat(answeredNo).contains("Roll back 1 tenant(s) to version 0? Their down files run, the last installed first;"
                + " the same command with --dry-run shows what they drop. [y/N]", "Not confirmed; nothing was rolled back.",
                "exit 2");
        assertThat(version()).isEqualTo("1");

        String answeredYes = onTerminal("y\n", "rollback", "--tenants", "acme", "--to", "0");

        assertThat(answeredYes).contains("Succeeded: 1", "exit 0");
        assertThat(version()).isEqualTo("-");
    }

    @Test
    void a_restore_and_a_deploy_ask_too() throws Exception {
        Files.writeString(home.resolve("migrations/V2__tags.sql"), "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        String deploy = onTerminal("no\n", "deploy", "--all");
        Matcher rollback = Pattern.compile("Rollback (d[0-9a-f-]+) started").matcher(
                onTerminal("", "rollback", "--tenants", "acme", "--to", "0", "--yes"));
        assertThat(rollback.find()).isTrue();

        String restore = onTerminal("\n", "restore", "--deployment", rollback.group(1), "--tenants", "acme");

        assertThat(deploy).contains("Deploy 2 to 1 tenant(s)? [y/N]", "Not confirmed; nothing was deployed.", "exit 2");
        assertThat(restore).contains("Replace 1 tenant(s) with the backups taken before " + rollback.group(1)
                + "; everything changed since is lost? [y/N]", "Not confirmed; nothing was restored.", "exit 2");
        assertThat(version()).as("neither the deploy nor the restore ran").isEqualTo("-");
    }

    /** The tenant's version as plan reads it, "-" for none. */
    private String version() throws Exception {
        String plan = onTerminal("", "plan", "--all", "--no-color");
        Matcher row = Pattern.compile("(?m)^acme\\s+\\S+\\s+(\\S+)").matcher(plan);
        assertThat(row.find()).as(plan).isTrue();
        return row.group(1);
    }

    /** Runs the jar on a pseudo terminal, typing {@code typed}; what the terminal showed, then "exit N". */
    private String onTerminal(String typed, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("").toAbsolutePath().resolve("target/flotilla.jar");
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        String command = "'" + java + "' -jar '" + jar + "' " + String.join(" ", args);
        Process process = new ProcessBuilder(List.of(SCRIPT.toString(), "-qec", command, "/dev/null"))
                .directory(home.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("flotilla " + String.join(" ", args) + " finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "")
                + "\nexit " + process.exitValue();
    }
}
