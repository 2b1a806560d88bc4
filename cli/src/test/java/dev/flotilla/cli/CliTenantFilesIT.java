package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a database-per-tenant fleet of SQLite or H2 files keeps them: a relative path in flotilla.yml (or in
 * {@code tenants add --url}) is in the folder of flotilla.yml, whatever folder the command runs in, and a first
 * deploy creates the folder the file is to be in.
 */
class CliTenantFilesIT {
    @TempDir
    Path temp;

    private Path config(String urlTemplate) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("cfg"));
        Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(folder.resolve("migrations").resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        Path config = folder.resolve("flotilla.yml");
        Files.writeString(config, """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "%s"
                  user: sa
                deploy:
                  backup: false
                """.formatted(urlTemplate), StandardCharsets.UTF_8);
        return config;
    }

    private static CliRun run(Path config, String... args) {
        return CliRun.withConfig(Map.of(), config, args);
    }

    @Test
    void a_first_deploy_creates_the_missing_folder_of_a_sqlite_tenant_file_and_a_plan_creates_nothing() throws Exception {
        Path config = config("jdbc:sqlite:" + temp.resolve("cfg") + "/tenants/{tenant}.db");
        run(config, "tenants", "add", "acme");

        CliRun plan = run(config, "plan", "--tenants", "acme");
        boolean folderAfterPlan = Files.exists(temp.resolve("cfg/tenants"));
        CliRun deploy = run(config, "deploy", "--tenants", "acme", "--yes");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(folderAfterPlan).as("a plan only reads").isFalse();
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(temp.resolve("cfg/tenants/acme.db")).isRegularFile();
    }

    @Test
    void tenants_import_without_url_asks_for_the_database_with_the_tenant_list_when_each_tenant_has_its_own() throws Exception {
        Path config = config("jdbc:sqlite:" + temp.resolve("cfg") + "/{tenant}.db");

        CliRun imported = run(config, "tenants", "import", "--query", "SELECT 'acme'");

        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("BAD_USAGE", "tenants import needs --url", "database holding the tenant list");
    }

    @Test
    void a_sqlite_file_that_cannot_be_opened_is_said_to_be_a_file_problem_not_a_server_one() throws Exception {
        Path config = config("jdbc:sqlite:" + temp.resolve("cfg") + "/{tenant}.db");
        Files.createDirectories(temp.resolve("cfg/acme.db"));
        run(config, "tenants", "add", "acme");

        JsonNode deploy = run(config, "deploy", "--tenants", "acme", "--yes", "--json").json();

        assertThat(deploy.at("/errors/0/code").asText()).isEqualTo("CONNECTION_FAILED");
        assertThat(deploy.at("/errors/0/message").asText()).contains("SQLite database file " + temp.resolve("cfg/acme.db"),
                "its folder exists", "read and write").doesNotContain("server is running");
    }

    @Test
    void a_plan_of_a_tenant_file_with_tables_but_no_history_suggests_a_baseline_or_adopt_of_that_tenant_first()
            throws Exception {
        Path config = config("jdbc:sqlite:" + temp.resolve("cfg") + "/{tenant}.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("cfg/acme.db"));
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INT PRIMARY KEY)");
        }
        run(config, "tenants", "add", "acme");
        run(config, "tenants", "add", "fresh");

        CliRun text = run(config, "plan", "--all");
        JsonNode json = run(config, "plan", "--all", "--json").json();

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("notice acme: jdbc:sqlite:" + temp.resolve("cfg/acme.db") + " has 1 table(s) but no"
                + " history table tenant_migrations yet: a deploy would run every migration from the first on top of them.",
                "`flotilla baseline --tenants acme --version V`", "`flotilla adopt --tenants acme --from laravel|table:NAME`")
                .contains("notice fresh: jdbc:sqlite:" + temp.resolve("cfg/fresh.db") + ": its database file does not exist"
                        + " yet: a deploy would create it and run every migration from the first: `flotilla deploy --tenants"
                        + " fresh`. If its name is a typo, remove the tenant (`flotilla tenants remove fresh`)");
        assertThat(json.at("/data/tenants/0/state").asText()).isEqualTo("pending");
        assertThat(json.at("/data/tenants/0/notice").asText()).contains("has 1 table(s) but no history table",
                "`flotilla baseline --tenants acme --version V`");
        assertThat(json.at("/data/tenants/1/notice").asText()).as("a new tenant's file, or a typo: not there yet")
                .contains("its database file does not exist yet");
    }

    @Test
    void a_relative_sqlite_path_in_the_url_template_is_in_the_folder_of_flotilla_yml() throws Exception {
        Path config = config("jdbc:sqlite:tenants/{tenant}.db");
        run(config, "tenants", "add", "acme");

        CliRun deploy = run(config, "deploy", "--tenants", "acme", "--yes");
        CliRun list = run(config, "tenants", "list");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(temp.resolve("cfg/tenants/acme.db")).isRegularFile();
        assertThat(list.out()).contains("jdbc:sqlite:" + temp.resolve("cfg/tenants/acme.db"));
    }

    @Test
    void a_relative_h2_path_in_the_url_template_is_in_the_folder_of_flotilla_yml() throws Exception {
        Path config = config("jdbc:h2:./tenants/t_{tenant}");
        run(config, "tenants", "add", "acme");

        CliRun deploy = run(config, "deploy", "--tenants", "acme", "--yes");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(temp.resolve("cfg/tenants/t_acme.mv.db")).isRegularFile();
    }

    @Test
    void a_relative_sqlite_path_given_to_tenants_add_is_stored_in_the_folder_of_flotilla_yml() throws Exception {
        Path config = config("jdbc:sqlite:" + temp.resolve("cfg") + "/{tenant}.db");

        CliRun add = run(config, "tenants", "add", "own", "--url", "jdbc:sqlite:own/x.db");
        CliRun deploy = run(config, "deploy", "--tenants", "own", "--yes");

        assertThat(add.out()).contains("jdbc:sqlite:" + temp.resolve("cfg/own/x.db"));
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(temp.resolve("cfg/own/x.db")).isRegularFile();
    }

    @Test
    void tenants_discover_registers_the_sqlite_files_in_the_folder_of_a_relative_template_and_deploy_migrates_them()
            throws Exception {
        Path config = config("jdbc:sqlite:tenants/{tenant}.db");
        Path tenants = Files.createDirectories(temp.resolve("cfg/tenants"));
        for (String id : new String[] {"acme", "globex"}) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tenants.resolve(id + ".db"))) {
                c.createStatement().execute("PRAGMA user_version = 1"); // a database file, written
            }
        }
        Files.writeString(tenants.resolve("acme.db-journal"), "x");
        Files.writeString(tenants.resolve("export.db"), "id,name\n");

        CliRun dryRun = run(config, "tenants", "discover", "--dry-run");
        JsonNode discover = run(config, "tenants", "discover", "--json").json();
        CliRun deploy = run(config, "deploy", "--all", "--yes");
        CliRun withUrl = run(config, "tenants", "discover", "--url", "jdbc:postgresql://127.0.0.1:5432/postgres");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("Found 2 tenant(s) on " + tenants.toRealPath() + ": 2 would be registered");
        assertThat(dryRun.err()).contains("ignored export.db: not a SQLite database");
        assertThat(discover.at("/data/added")).extracting(JsonNode::asText).containsExactly("acme", "globex");
        assertThat(discover.at("/data/ignored/0").asText()).startsWith("export.db: not a SQLite database");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(run(config, "status", "--fleet", "--json").json().at("/data/tenants")).hasSize(2);
        assertThat(withUrl.exitCode()).isEqualTo(2);
        assertThat(withUrl.err()).contains("leave --url out");
    }
}
