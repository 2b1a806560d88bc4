package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fleet commands end to end, in-process, against PostgreSQL schemas and an embedded control plane. */
class CliFleetIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void init_writes_a_starter_file_that_loads_and_never_overwrites_without_force() throws Exception {
        Path file = fleet.folder.resolve("fresh/flotilla.yml");

        CliRun init = CliRun.of("init", "--config", file.toString());
        CliRun again = CliRun.of("init", "--config", file.toString());
        CliRun list = CliRun.of("tenants", "list", "--json", "--config", file.toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(Files.readString(file)).contains("tenancy:", "passwordEnv", "# ");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists already", "--force");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.json().at("/data/tenants").size()).isZero();
    }

    @Test
    void outside_the_folder_of_flotilla_yml_a_fleet_command_says_so_and_creates_nothing() throws Exception {
        Path elsewhere = Files.createDirectories(fleet.folder.resolve("elsewhere"));
        List<String> jvm = List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        for (List<String> command : List.of(List.of("status", "--fleet"), List.of("tenants", "list"), List.of("plan", "--all"))) {
            List<String> line = new ArrayList<>(jvm);
            line.addAll(command);
            Process process = new ProcessBuilder(line).directory(elsewhere.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(process.waitFor()).as(output).isEqualTo(2);
            assertThat(output).as(String.join(" ", command)).contains("No flotilla.yml", elsewhere.toString(), "--config");
        }
        assertThat(elsewhere.resolve(".flotilla")).doesNotExist();
    }

    @Test
    void an_explicit_embedded_control_plane_url_is_the_file_beside_flotilla_yml_with_its_user_from_any_folder()
            throws Exception {
        fleet.addTenants(2);
        Files.writeString(fleet.config, Files.readString(fleet.config) + "controlPlane:\n  url: jdbc:h2:file:./.flotilla/control\n");
        Path elsewhere = Files.createDirectories(fleet.folder.resolve("elsewhere"));
        List<String> jvm = List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        for (List<String> command : List.of(List.of("tenants", "list", "--json"), List.of("plan", "--all", "--json"))) {
            List<String> line = new ArrayList<>(jvm);
            line.addAll(command);
            line.addAll(List.of("--config", fleet.config.toString()));
            ProcessBuilder builder = new ProcessBuilder(line).directory(elsewhere.toFile());
            builder.environment().putAll(fleet.env);
            Process process = builder.redirectError(fleet.folder.resolve("stderr.txt").toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(process.waitFor()).as(command + ": " + out + Files.readString(fleet.folder.resolve("stderr.txt"))).isZero();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).at("/data/tenants")).as(command.toString())
                    .hasSize(2);
        }
        assertThat(elsewhere.resolve(".flotilla")).as("no second control plane in the working directory").doesNotExist();
    }

    @Test
    void deploy_all_over_a_fleet_without_tenants_is_refused_as_an_empty_group_is() {
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--json");

        assertThat(deploy.exitCode()).isEqualTo(2);
        assertThat(deploy.json().at("/errors/0/code").asText()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(deploy.json().at("/errors/0/message").asText()).contains("no tenants", "tenants add", "controlPlane");
    }

    @Test
    void an_option_of_one_target_given_with_tenants_of_the_fleet_is_refused_not_ignored() {
        fleet.addTenants(1);

        CliRun dryRun = fleet.run("dry-run", "--tenants", "t00", "--migrations", "/nonexistent", "--allow-missing-files");

        assertThat(dryRun.exitCode()).isEqualTo(2);
        assertThat(dryRun.err()).contains("BAD_USAGE", "--migrations", "--allow-missing-files", "for one target", "flotilla.yml");
    }

    @Test
    void a_user_the_server_refuses_is_an_authentication_failure_in_plan_naming_the_database_not_another_tenant() {
        fleet.addTenants(2);
        java.util.Map<String, String> env = new java.util.HashMap<>(fleet.env);
        env.put("FLOTILLA_TENANCY_USER", "nobody_" + fleet.prefix);

        CliRun plan = CliRun.of(env, "plan", "--all", "--json", "--config", fleet.config.toString());
        CliRun live = CliRun.of(env, "status", "--fleet", "--live", "--json", "--config", fleet.config.toString());
        CliRun lastSeen = CliRun.of(env, "status", "--fleet", "--json", "--config", fleet.config.toString());
        CliRun drift = CliRun.of(env, "drift", "--all", "--fail-on-drift", "--json", "--config", fleet.config.toString());

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.json().at("/errors")).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("code").asText()).isEqualTo("AUTHENTICATION_FAILED");
            assertThat(e.get("message").asText()).contains("nobody_").doesNotContain(fleet.schema("t00"), fleet.schema("t01"));
        });
        assertThat(live.exitCode()).as("read live, unreadable tenants fail it as they fail plan").isEqualTo(1);
        assertThat(live.json().at("/errors")).hasSize(2).allSatisfy(e -> assertThat(e.get("code").asText())
                .isEqualTo("AUTHENTICATION_FAILED"));
        assertThat(lastSeen.exitCode()).as("as last seen, nothing was read").isZero();
        assertThat(drift.json().at("/errors")).hasSize(2).allSatisfy(e -> assertThat(e.get("code").asText())
                .as("as plan says it").isEqualTo("AUTHENTICATION_FAILED"));
    }

    @Test
    void a_tenancy_key_missing_from_flotilla_yml_is_named_with_the_file() throws Exception {
        Path config = fleet.folder.resolve("partial/flotilla.yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "tenancy:\n  model: schema-per-tenant\n  schemaTemplate: \"t_{tenant}\"\n");

        CliRun list = CliRun.of("tenants", "add", "acme", "--config", config.toString());

        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("BAD_CONFIG", "tenancy.url", config.toAbsolutePath().normalize().toString());
    }

    @Test
    void a_password_variable_flotilla_yml_names_but_nobody_set_is_a_configuration_error_naming_the_key() {
        fleet.addTenants(1);

        CliRun plan = CliRun.of(Map.of(), "plan", "--all", "--config", fleet.config.toString());

        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.err()).contains("BAD_CONFIG", "TENANT_DB_PASSWORD", "tenancy.passwordEnv", "is not set");
    }

    @Test
    void tenants_are_added_listed_by_group_and_removed_and_bad_ids_are_refused() {
        fleet.addTenants(3);

        JsonNode odd = fleet.run("tenants", "list", "--group", "odd", "--json").json();
        CliRun bad = fleet.run("tenants", "add", "t1;DROP TABLE x");
        CliRun duplicate = fleet.run("tenants", "add", "t01");
        CliRun removed = fleet.run("tenants", "remove", "t02");
        CliRun unknown = fleet.run("tenants", "remove", "t00", "nobody");
        CliRun twice = fleet.run("tenants", "remove", "t01", "t01", "--json");

        assertThat(odd.at("/data/tenants")).extracting(n -> n.get("id").asText()).containsExactly("t01");
        assertThat(odd.at("/data/tenants/0/target").asText()).contains(fleet.schema("t01"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid tenant id");
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).contains("already registered");
        assertThat(removed.exitCode()).isZero();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("TENANT_NOT_FOUND", "nobody", "nothing was removed").doesNotContain("t00");
        assertThat(twice.exitCode()).as(twice.err()).isZero();
        assertThat(twice.json().at("/data/removed")).extracting(JsonNode::asText).containsExactly("t01");
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants"))
                .extracting(n -> n.get("id").asText()).as("t00 stays: its removal was refused with nobody's").containsExactly("t00");
    }

    @Test
    void discover_registers_existing_schemas_and_import_reads_the_applications_tenant_table() throws Exception {
        fleet.sql("CREATE SCHEMA " + fleet.schema("acme"));
        fleet.sql("CREATE SCHEMA " + fleet.schema("globex"));
        fleet.sql("CREATE SCHEMA " + fleet.prefix + "_core");
        fleet.sql("CREATE TABLE " + fleet.prefix + "_core.companies (code VARCHAR(20), name VARCHAR(50), active INT)");
        fleet.sql("INSERT INTO " + fleet.prefix + "_core.companies VALUES ('initech', 'Initech', 1), ('umbrella', 'Umbrella', 0)");

        CliRun discover = fleet.run("tenants", "discover", "--json");
        CliRun again = fleet.run("tenants", "discover", "--json");
        CliRun imported = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT code, name FROM " + fleet.prefix + "_core.companies WHERE active = 1", "--group", "imported");
        CliRun badImport = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT 'bad id!' UNION ALL SELECT 'fine'");

        assertThat(discover.exitCode()).as(discover.err()).isZero();
        assertThat(discover.json().at("/data/added")).extracting(JsonNode::asText).containsExactly("acme", "core", "globex");
        assertThat(again.json().at("/data/added")).isEmpty();
        assertThat(again.json().at("/data/alreadyRegistered")).extracting(JsonNode::asText).containsExactly("acme", "core", "globex");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode list = fleet.run("tenants", "list", "--group", "imported", "--json").json();
        assertThat(list.at("/data/tenants")).extracting(n -> n.get("id").asText() + "/" + n.get("name").asText())
                .containsExactly("initech/Initech");
        assertThat(badImport.exitCode()).isEqualTo(2);
        assertThat(badImport.err()).contains("nothing was imported", "bad id!");
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants")).hasSize(4);

        CliRun tooLong = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT 'hooli', 'Hooli' UNION ALL SELECT 'massive', repeat('M', 201)");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("nothing was imported", "row 2: 'massive' (a name of 201 characters)");
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants")).hasSize(4);

        CliRun twice = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT 'hooli', 'Hooli' UNION ALL SELECT 'hooli', 'Hooli XYZ' UNION ALL SELECT 'acme', 'Acme'", "--json");
        assertThat(twice.exitCode()).as(twice.err()).isZero();
        assertThat(twice.err()).contains("tenant hooli is in 2 rows of the query (names 'Hooli', 'Hooli XYZ'): the first is taken");
        assertThat(twice.json().at("/data/added").asInt()).isEqualTo(1);
        assertThat(twice.json().at("/data/alreadyRegistered").asInt()).isEqualTo(1);
        assertThat(twice.json().at("/data/repeated").asInt()).isEqualTo(1);
    }

    @Test
    void discover_with_a_bare_tenant_template_leaves_out_postgresqls_own_schemas_and_public() throws Exception {
        // A database of its own: a template of {tenant} alone matches every schema on the server.
        String database = fleet.prefix + "_bare";
        fleet.sql("CREATE DATABASE " + database);
        try {
            String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA acme");
                s.execute("CREATE SCHEMA globex");
            }
            Path config = fleet.folder.resolve("bare/flotilla.yml");
            Files.createDirectories(config.getParent());
            Files.writeString(config, """
                    migrations: migrations
                    tenancy:
                      model: schema-per-tenant
                      url: %s
                      schemaTemplate: "{tenant}"
                      user: postgres
                    """.formatted(url));

            CliRun discover = CliRun.of("tenants", "discover", "--json", "--config", config.toString());
            CliRun text = CliRun.of("tenants", "discover", "--dry-run", "--config", config.toString());

            assertThat(discover.exitCode()).as(discover.err()).isZero();
            assertThat(discover.json().at("/data/added")).extracting(JsonNode::asText).containsExactly("acme", "globex");
            assertThat(discover.json().at("/data/ignored")).extracting(JsonNode::asText)
                    .singleElement().asString().startsWith("public: every database's default schema").contains("--schema public");
            assertThat(text.err()).contains("ignored public").doesNotContain("pg_catalog", "information_schema", "pg_toast");
        } finally {
            fleet.sql("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    @Test
    void plan_deploy_and_a_rerun_that_finds_nothing_to_do() throws Exception {
        fleet.addTenants(6);

        JsonNode plan = fleet.run("plan", "--all", "--json").json();
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        CliRun rerun = fleet.run("deploy", "--all", "--yes");
        JsonNode rerunJson = fleet.run("deploy", "--group", "odd", "--yes", "--json").json();

        assertThat(plan.at("/data/summary/pending").asInt()).isEqualTo(6);
        assertThat(plan.at("/data/tenants/0/pending")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.out().lines().findFirst().orElseThrow()).matches("Deployment d[0-9]{8}-[0-9]{6}-[0-9a-f]{4} started: 6 tenant\\(s\\)");
        assertThat(deploy.out()).contains("Total: 6   Succeeded: 6   Failed: 0   Skipped: 0", "succeeded t03 (versions 1, 2 applied");
        for (int i = 0; i < 6; i++) {
            assertThat(fleet.applied(String.format("t%02d", i))).containsExactly("1", "2");
        }
        assertThat(rerun.exitCode()).isZero();
        assertThat(rerun.out()).startsWith("Nothing to deploy: all 6 selected tenant(s) are up to date");
        assertThat(rerunJson.at("/ok").asBoolean()).isTrue();
        assertThat(rerunJson.at("/data/upToDate").asInt()).isEqualTo(3);
        assertThat(rerunJson.at("/data/deployment").isNull()).isTrue();

        JsonNode status = fleet.run("status", "--fleet", "--json").json();
        assertThat(status.at("/data/tenants")).hasSize(6).allSatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("up-to-date");
            assertThat(t.get("currentVersion").asText()).isEqualTo("2");
            assertThat(t.get("pending").asInt()).isZero();
        });
    }

    @Test
    void status_of_the_whole_fleet_in_text_lists_every_tenant_in_aligned_columns_and_counts_them() throws Exception {
        fleet.addTenants(3);
        fleet.run("deploy", "--tenants", "t01", "--yes");

        CliRun status = fleet.run("status", "--fleet");
        CliRun selected = fleet.run("status", "--fleet", "--tenants", "t01,t02");

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("Tenant  Status      Version  Pending  Last deployment");
        assertThat(lines.get(2)).startsWith("t01     up-to-date  2        0        d");
        assertThat(lines.get(3)).startsWith("t02     unknown     -        ?        ");
        int checked = lines.get(0).indexOf("Checked");
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line.substring(checked)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertThat(lines.get(4)).isEqualTo("3 tenant(s): 2 unknown, 1 up-to-date (as last seen; --live re-reads every target)");
        assertThat(selected.out().lines()).hasSize(4).last().asString().startsWith("2 tenant(s): 1 unknown, 1 up-to-date");
    }

    @Test
    void a_plan_of_many_tenants_records_their_states_without_bloating_the_control_planes_file() throws Exception {
        int tenants = 3000;
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            List<Tenant> all = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                all.add(new Tenant(TenantId.of(String.format("m%04d", i)), null, null, null, List.of()));
            }
            plane.tenants().addMissing(all);
        }
        Path file = fleet.folder.resolve(".flotilla").resolve("control.mv.db");
        long before = Files.size(file);

        CliRun plan = fleet.run("plan", "--all");
        CliRun status = fleet.run("status", "--fleet");

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(status.out().lines().toList()).last().asString()
                .startsWith(tenants + " tenant(s): " + tenants + " pending");
        // A commit per tenant left 7 MB more here (160 MB at 10,000): H2 reuses the space only 45 s later.
        assertThat(Files.size(file) - before).as("bytes the plan added to the file").isLessThan(1_500_000);
    }

    @Test
    void a_deployed_tenant_whose_schema_is_gone_is_blocked_in_the_plan_not_pending_from_the_first_migration() throws Exception {
        fleet.addTenants(2);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("DROP SCHEMA " + fleet.schema("t01") + " CASCADE");

        CliRun plan = fleet.run("plan", "--all", "--json");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.json().at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("TARGET_MISSING");
            assertThat(e.get("tenant").asText()).isEqualTo("t01");
            assertThat(e.get("message").asText()).contains("was at version 2", "no history now", "restore");
        });
    }

    @Test
    void a_tenant_flyway_migrated_is_blocked_in_the_plan_and_refused_by_deploy_until_adopted() throws Exception {
        fleet.addTenants(2);
        fleet.sql("CREATE SCHEMA " + fleet.schema("t01"));
        fleet.sql("CREATE TABLE " + fleet.schema("t01") + ".flyway_schema_history (installed_rank INT)");

        CliRun plan = fleet.run("plan", "--all", "--json");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error", "--json");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.json().at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("FOREIGN_HISTORY");
            assertThat(e.get("tenant").asText()).isEqualTo("t01");
            assertThat(e.get("message").asText()).contains("flyway_schema_history", "adopt --from flyway");
        });
        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.json().at("/errors").findValuesAsText("code")).containsExactly("FOREIGN_HISTORY");
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }

    @Test
    void a_failing_tenant_fails_the_deploy_with_exit_1_and_is_listed_with_its_error() throws Exception {
        fleet.addTenants(4);
        fleet.sql("CREATE SCHEMA " + fleet.schema("t02"));
        fleet.sql("CREATE TABLE " + fleet.schema("t02") + ".notes (legacy INT)");

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        String id = deploy.out().lines().findFirst().orElseThrow().split(" ")[1];
        JsonNode shown = fleet.run("deployments", "show", id, "--json").json();
        JsonNode listed = fleet.run("deployments", "list", "--json").json();
        fleet.sql("DROP TABLE " + fleet.schema("t02") + ".notes");
        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes", "--json");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.out()).contains("Total: 4   Succeeded: 3   Failed: 1   Skipped: 0", "Failed tenants:",
                "t02: V1__notes.sql failed at statement 1", "--retry-failed " + id);
        assertThat(deploy.err()).as("whose error it is").contains("[SQL_ERROR] t02: ");
        assertThat(shown.at("/data/tasks")).filteredOn(t -> t.get("status").asText().equals("failed"))
                .singleElement().satisfies(t -> {
                    assertThat(t.get("id").asText()).isEqualTo("t02");
                    assertThat(t.get("error").asText()).contains("42P07");
                    assertThat(t.get("log").asText()).contains("V1__notes.sql: failed");
                });
        assertThat(listed.at("/data/deployments/0/id").asText()).isEqualTo(id);
        assertThat(listed.at("/data/deployments/0/status").asText()).isEqualTo("failed");
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.json().at("/data/tenants")).extracting(n -> n.get("id").asText()).containsExactly("t02");
        assertThat(retry.json().at("/data/upToDate").isInt()).as("README's deploy data").isTrue();
        assertThat(fleet.applied("t02")).containsExactly("1", "2");
    }

    @Test
    void a_fleet_error_about_one_migration_names_its_version_in_json() throws Exception {
        fleet.addTenants(2);
        fleet.conflictingTable("t01", "notes");
        JsonNode deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error", "--json").json();
        fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200));\n");

        JsonNode plan = fleet.run("plan", "--tenants", "t00", "--json").json();
        JsonNode dryRun = fleet.run("dry-run", "--tenants", "t00", "--json").json();

        assertThat(deploy.at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("SQL_ERROR");
            assertThat(e.get("tenant").asText()).isEqualTo("t01");
            assertThat(e.get("migration").asText()).isEqualTo("1");
        });
        for (JsonNode edited : List.of(plan, dryRun)) {
            assertThat(edited.at("/errors")).singleElement().satisfies(e -> {
                assertThat(e.get("code").asText()).isEqualTo("CHECKSUM_MISMATCH");
                assertThat(e.get("tenant").asText()).isEqualTo("t00");
                assertThat(e.get("migration").asText()).isEqualTo("1");
            });
        }
    }

    @Test
    void a_migration_that_cannot_be_split_is_refused_before_any_deployment_naming_file_and_line() throws Exception {
        fleet.addTenants(2);
        fleet.migration("V3__quote.sql", "CREATE TABLE q (x text default 'abc);\n");

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--json");
        CliRun plan = fleet.run("plan", "--all", "--json");
        CliRun dryRun = fleet.run("dry-run", "--all", "--json");

        for (CliRun refused : List.of(deploy, plan, dryRun)) {
            assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
            assertThat(refused.json().at("/errors")).as(refused.out()).singleElement().satisfies(e -> {
                assertThat(e.get("code").asText()).isEqualTo("SQL_PARSE_ERROR");
                assertThat(e.get("message").asText()).contains("V3__quote.sql line 1");
            });
        }
        assertThat(fleet.run("deployments", "list", "--json").json().at("/data/deployments")).isEmpty();
        assertThat(fleet.run("status", "--fleet", "--json").json().at("/data/tenants")).hasSize(2)
                .allSatisfy(t -> assertThat(t.get("status").asText()).isNotEqualTo("failed"));
        assertThat(fleet.applied("t00")).isEmpty();
    }

    @Test
    void a_deploy_flag_overrides_a_bad_value_of_the_same_setting_in_the_environment() throws Exception {
        fleet.addTenants(1);
        Map<String, String> env = new java.util.HashMap<>(fleet.env);
        env.put("FLOTILLA_DEPLOY_CONCURRENCY", "0");

        CliRun flagged = CliRun.of(env, "deploy", "--all", "--yes", "--concurrency", "3", "--config", fleet.config.toString());
        CliRun unflagged = CliRun.of(env, "deploy", "--all", "--yes", "--config", fleet.config.toString());

        assertThat(flagged.exitCode()).as(flagged.out() + flagged.err()).isZero();
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
        assertThat(unflagged.exitCode()).isEqualTo(2);
        assertThat(unflagged.err()).contains("BAD_CONFIG", "FLOTILLA_DEPLOY_CONCURRENCY");
    }

    @Test
    void audit_lists_who_did_what_newest_first_and_a_tenants_entries_include_its_deployments() throws Exception {
        fleet.addTenants(2);
        String id = fleet.run("deploy", "--tenants", "t01", "--yes").out().lines().findFirst().orElseThrow().split(" ")[1];
        CliRun removed = fleet.run("tenants", "remove", "t00");

        CliRun text = fleet.run("audit");
        JsonNode ofT01 = fleet.run("audit", "--tenant", "t01", "--json").json();
        JsonNode removals = fleet.run("audit", "--action", "tenant.removed", "--limit", "5", "--json").json();
        CliRun badLimit = fleet.run("audit", "--limit", "0");
        JsonNode family = fleet.run("audit", "--action", "deploy", "--json").json();

        assertThat(removed.exitCode()).as(removed.out() + removed.err()).isZero();
        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("When").contains("User", "Action", "Tenant");
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow()).contains("tenant.removed", "t00");
        assertThat(ofT01.at("/data/entries")).extracting(e -> e.get("action").asText())
                .as("newest first, the deployment's own entries included").startsWith("deploy.finished", "deploy.started")
                .endsWith("tenant.added").doesNotContain("tenant.removed");
        assertThat(ofT01.at("/data/entries")).filteredOn(e -> !e.get("deployment").isNull())
                .allSatisfy(e -> assertThat(e.get("deployment").asText()).isEqualTo(id));
        assertThat(removals.at("/data/total").asInt()).isEqualTo(1);
        assertThat(removals.at("/data/entries/0/tenant").asText()).isEqualTo("t00");
        assertThat(family.at("/data/entries").findValuesAsText("action")).as("an action names its family")
                .containsExactly("deploy.finished", "deploy.started");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--limit must be 1 or more");
    }

    @Test
    void every_list_command_refuses_a_limit_below_1_as_bad_usage() {
        fleet.addTenants(1);
        for (List<String> list : List.of(List.of("deployments", "list"), List.of("backups", "list"), List.of("audit"))) {
            for (String limit : List.of("0", "-1")) {
                List<String> args = new ArrayList<>(list);
                args.addAll(List.of("--limit", limit, "--json"));

                CliRun run = fleet.run(args.toArray(String[]::new));

                assertThat(run.exitCode()).as(args + ": " + run.out()).isEqualTo(2);
                assertThat(run.json().at("/errors/0/code").asText()).as(args.toString()).isEqualTo("BAD_USAGE");
                assertThat(run.json().at("/errors/0/message").asText()).as(args.toString())
                        .contains("--limit must be 1 or more, not " + limit).doesNotContain("SELECT");
            }
        }
    }

    @Test
    void a_retried_task_keeps_what_its_first_attempt_applied_and_a_rollback_of_the_deployment_undoes_all_of_it()
            throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        fleet.migration("V3__extra.sql", "CREATE TABLE extra (id INT);\n");
        fleet.migration("U3__extra.sql", "DROP TABLE extra;\n");
        fleet.conflictingTable("t01", "extra");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        String id = FleetSetup.deploymentOf(deploy);
        JsonNode afterFailure = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".extra");

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes");
        JsonNode tasks = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks");
        CliRun rollback = fleet.run("rollback", "--deployment", id, "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(afterFailure).filteredOn(t -> t.get("id").asText().equals("t01")).singleElement().satisfies(t -> {
            assertThat(t.get("status").asText()).isEqualTo("failed");
            assertThat(t.get("currentVersion").asText()).as("V1 and V2 stay applied before V3 failed").isEqualTo("2");
        });
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("with concurrency 4 (as recorded), per server 4 (as recorded), continuing after a"
                + " failure (as recorded)", "Of the deployment's 2 tenant(s), the 1 above and 1 that had succeeded before this run.");
        assertThat(tasks).filteredOn(t -> t.get("id").asText().equals("t01")).singleElement().satisfies(t -> {
            assertThat(t.get("applied")).extracting(JsonNode::asText).containsExactly("1", "2", "3");
            assertThat(t.get("log").asText()).contains("--- next attempt ---");
        });
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("succeeded t01 (versions 3, 2, 1 undone").doesNotContain(" applied,");
        assertThat(fleet.run("status", "--fleet", "--json").json().at("/data/tenants")).allSatisfy(t ->
                assertThat(t.get("pending").asInt()).as("known after the rollback, not '?'").isEqualTo(3));
        // What both attempts applied is undone: on both tenants every migration is pending again.
        assertThat(fleet.run("plan", "--all", "--json").json().at("/data/tenants")).hasSize(2).allSatisfy(t ->
                assertThat(t.get("pending")).extracting(JsonNode::asText).containsExactly("1", "2", "3"));
        JsonNode listed = fleet.run("deployments", "list", "--json").json().at("/data/deployments");
        assertThat(listed).extracting(d -> d.get("kind").asText()).containsExactly("rollback", "deploy");
        assertThat(fleet.run("deployments", "show", listed.get(0).get("id").asText()).out())
                .as("a rollback has no canary").doesNotContain("canary");
    }

    @Test
    void a_tenant_whose_every_migration_is_rolled_back_shows_no_version_in_the_fleet_status() throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();

        CliRun rollback = fleet.run("rollback", "--tenants", "t00", "--steps", "2", "--yes");
        JsonNode afterRollback = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");
        fleet.run("plan", "--all");
        JsonNode afterPlan = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(afterRollback).extracting(t -> t.get("id").asText() + " " + t.get("status").asText() + " "
                + t.get("currentVersion")).containsExactly("t00 rolled-back null", "t01 up-to-date \"2\"");
        assertThat(afterPlan).extracting(t -> t.get("id").asText() + " " + t.get("currentVersion"))
                .containsExactly("t00 null", "t01 \"2\"");
    }

    @Test
    void after_a_rollback_the_fleet_status_counts_the_repeatables_marked_to_run_again_as_plan_does() throws Exception {
        fleet.addTenants(1);
        fleet.downFiles();
        fleet.migration("R__tagged.sql", "DROP VIEW IF EXISTS tagged;\nCREATE VIEW tagged AS SELECT id, tag FROM notes;\n");
        fleet.migration("U2__tags.sql", "DROP VIEW IF EXISTS tagged;\nALTER TABLE notes DROP COLUMN tag;\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();

        CliRun rollback = fleet.run("rollback", "--all", "--steps", "1", "--yes");
        JsonNode status = fleet.run("status", "--fleet", "--json").json().at("/data/tenants/0");
        JsonNode plan = fleet.run("plan", "--all", "--json").json().at("/data/tenants/0");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(plan.get("pending")).extracting(JsonNode::asText).containsExactly("2", "R__tagged.sql");
        assertThat(status.get("pending").asInt()).as("the version undone and the repeatable marked to run again").isEqualTo(2);
    }

    @Test
    void a_dry_run_of_a_rollback_says_which_tables_it_drops_with_their_rows_and_which_repeatables_it_would_mark()
            throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        fleet.migration("R__tagged.sql", "DROP VIEW IF EXISTS tagged;\nCREATE VIEW tagged AS SELECT id, tag FROM notes;\n");
        fleet.migration("U2__tags.sql", "DROP VIEW IF EXISTS tagged;\nALTER TABLE notes DROP COLUMN tag;\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("INSERT INTO " + fleet.schema("t01") + ".notes (id) SELECT g FROM generate_series(2, 1234) g");

        JsonNode json = fleet.run("rollback", "--all", "--steps", "2", "--dry-run", "--json").json();
        CliRun text = fleet.run("rollback", "--all", "--steps", "2", "--dry-run");
        CliRun single = CliRun.of(fleet.env, "rollback", "--url", FleetSetup.POSTGRES, "--user", "postgres", "--schema", fleet.schema("t01"),
                "--migrations", fleet.folder.resolve("migrations").toString(), "--steps", "2", "--dry-run");

        assertThat(json.at("/data/tenants")).extracting(t -> t.get("id").asText() + " " + t.get("droppedTables") + " "
                + t.get("repeatablesToRunAgain")).containsExactly(
                "t00 [{\"table\":\"notes\",\"script\":\"U1__notes.sql\",\"rows\":1}] [\"R__tagged.sql\"]",
                "t01 [{\"table\":\"notes\",\"script\":\"U1__notes.sql\",\"rows\":1234}] [\"R__tagged.sql\"]");
        assertThat(text.out()).contains("t00: drops table notes (1 row) in U1__notes.sql; marks to run again at the next"
                + " migrate (applied over what it undoes): R__tagged.sql", "t01: drops table notes (1,234 rows) in U1__notes.sql");
        assertThat(single.exitCode()).as(single.out() + single.err()).isZero();
        assertThat(single.out()).contains("  drops table notes (1,234 rows) in U1__notes.sql\n",
                "  marks to run again at the next migrate (applied over what it undoes): R__tagged.sql\n");
        assertThat(fleet.run("plan", "--all", "--json").json().at("/data/summary/upToDate").asInt()).as("nothing was kept")
                .isEqualTo(2);
    }

    @Test
    void a_rollback_flag_overrides_a_bad_value_of_the_same_setting_in_flotilla_yml() throws Exception {
        fleet.addTenants(1);
        fleet.downFiles();
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("concurrency: 4", "concurrency: 0"));

        CliRun unflagged = fleet.run("rollback", "--all", "--steps", "1", "--yes");
        CliRun flagged = fleet.run("rollback", "--all", "--steps", "1", "--yes", "--concurrency", "2");

        assertThat(unflagged.exitCode()).isEqualTo(2);
        assertThat(unflagged.err()).contains("BAD_CONFIG", "deploy.concurrency");
        assertThat(flagged.exitCode()).as(flagged.out() + flagged.err()).isZero();
        assertThat(flagged.out()).contains("succeeded t00 (version 2 undone");
    }

    @Test
    void a_rollback_of_a_deployment_names_the_tenants_whose_migration_failed_in_it() throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        fleet.conflictingTable("t01", "notes");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        String id = FleetSetup.deploymentOf(deploy);

        CliRun rollback = fleet.run("rollback", "--deployment", id, "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("succeeded t00");
        assertThat(rollback.err()).contains("t01 failed in " + id, "not undone by this rollback", "flotilla repair");
    }

    @Test
    void repair_takes_the_tenants_of_the_fleet_an_edited_file_blocks_and_the_plan_sees_them_unblocked() throws Exception {
        fleet.addTenants(2);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20); -- a comment added afterwards\n");
        JsonNode blocked = fleet.run("plan", "--all", "--json").json();

        CliRun repair = fleet.run("repair", "--all", "--realign-checksums");
        JsonNode after = fleet.run("plan", "--all", "--json").json();

        assertThat(blocked.at("/data/summary").toString()).contains("blocked");
        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.out()).contains("repaired t00", "repaired t01");
        assertThat(after.at("/data/tenants")).extracting(t -> t.get("state").asText()).containsOnly("up-to-date");
        assertThat(fleet.run("status", "--fleet", "--json").json().at("/data/tenants"))
                .extracting(t -> t.get("status").asText()).containsOnly("up-to-date");
    }

    @Test
    void without_a_terminal_deploy_asks_for_yes_and_changes_nothing() throws Exception {
        fleet.addTenants(2);

        CliRun deploy = fleet.run("deploy", "--all");

        assertThat(deploy.exitCode()).isEqualTo(2);
        assertThat(deploy.err()).contains("--yes");
    }

    @Test
    void no_password_is_printed_or_stored_in_the_control_plane() throws Exception {
        fleet.addTenants(2);
        fleet.sql("CREATE SCHEMA " + fleet.schema("t01"));
        fleet.sql("CREATE TABLE " + fleet.schema("t01") + ".notes (legacy INT)");
        List<CliRun> runs = new ArrayList<>();
        runs.add(fleet.run("plan", "--all", "--verbose"));
        runs.add(fleet.run("deploy", "--all", "--yes", "--verbose", "--continue-on-error"));
        runs.add(fleet.run("deploy", "--all", "--yes", "--json"));
        runs.add(fleet.run("deployments", "list"));
        runs.add(fleet.run("status", "--fleet", "--live", "--json"));
        runs.add(fleet.run("tenants", "list", "--json"));

        for (CliRun run : runs) {
            assertThat(run.out() + run.err()).doesNotContain(FleetSetup.SECRET);
        }
        String url = dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet dump = s.executeQuery("SCRIPT")) {
            StringBuilder all = new StringBuilder();
            while (dump.next()) {
                all.append(dump.getString(1)).append('\n');
            }
            assertThat(all).contains("t01", "42P07").doesNotContain(FleetSetup.SECRET);
        }
    }
}
