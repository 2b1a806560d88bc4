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
        Path perDatabase = fleet.folder.resolve("mariadb/flotilla.yml");
        CliRun initPerDatabase = CliRun.of("init", "--model", "database-per-tenant", "--config", perDatabase.toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(Files.readString(file)).contains("tenancy:", "passwordEnv", "# ");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists already", "--force");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.json().at("/data/tenants").size()).isZero();
        assertThat(initPerDatabase.exitCode()).as(initPerDatabase.err()).isZero();
        assertThat(Files.readString(perDatabase)).contains("  model: database-per-tenant\n", "  urlTemplate: ")
                .doesNotContain("schemaTemplate:", "  url: ");
    }

    @Test
    void outside_the_folder_of_flotilla_yml_a_fleet_command_says_so_and_creates_nothing() throws Exception {
        Path elsewhere = Files.createDirectories(fleet.folder.resolve("elsewhere"));
        List<String> jvm = Programs.flotillaCommand(List.of());
        for (List<String> command : List.of(List.of("status", "--fleet"), List.of("tenants", "list"), List.of("plan", "--all"))) {
            List<String> line = new ArrayList<>(jvm);
            line.addAll(command);
            Process process = new ProcessBuilder(line).directory(elsewhere.toFile()).redirectErrorStream(true).start();
            String output = Programs.outputOnceEnded(process, 120);

            assertThat(process.exitValue()).as(output).isEqualTo(2);
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
        List<String> jvm = Programs.flotillaCommand(List.of());
        for (List<String> command : List.of(List.of("tenants", "list", "--json"), List.of("plan", "--all", "--json"))) {
            List<String> line = new ArrayList<>(jvm);
            line.addAll(command);
            line.addAll(List.of("--config", fleet.config.toString()));
            ProcessBuilder builder = new ProcessBuilder(line).directory(elsewhere.toFile());
            builder.environment().putAll(fleet.env);
            Process process = builder.redirectError(fleet.folder.resolve("stderr.txt").toFile()).start();
            String out = Programs.outputOnceEnded(process, 120);

            assertThat(process.exitValue()).as(command + ": " + out + Files.readString(fleet.folder.resolve("stderr.txt"))).isZero();
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
    void plan_deploy_and_a_rerun_that_finds_nothing_to_do() throws Exception {
        fleet.addTenants(6);

        JsonNode plan = fleet.run("plan", "--all", "--json").json();
        CliRun planText = fleet.run("plan", "--all");
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        CliRun rerun = fleet.run("deploy", "--all", "--yes");
        JsonNode rerunJson = fleet.run("deploy", "--group", "odd", "--yes", "--json").json();

        assertThat(plan.at("/data/summary/pending").asInt()).isEqualTo(6);
        assertThat(plan.at("/data/tenants/0/pending")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(planText.out().lines().findFirst().orElseThrow()).as("the versions, not a count as status --fleet's column")
                .matches("Tenant +State +Version +Pending versions +Target");
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
        CliRun json = fleet.run("status", "--fleet", "--json");

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("Tenant  Status      Version  Pending  Last deployment");
        assertThat(lines.get(2)).startsWith("t01     up-to-date  2        0        d");
        assertThat(lines.get(3)).startsWith("t02     unknown     -        unknown  ");
        int checked = lines.get(0).indexOf("Checked");
        // Aligned, with no trailing blanks: a time where a plan, deploy or live status read the tenant, never where none has.
        assertThat(lines.get(2).substring(checked)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(List.of(lines.get(1), lines.get(3))).allSatisfy(line -> assertThat(line.substring(checked)).isEqualTo("never"));
        var t01 = json.json().at("/data/tenants/1");
        var t02 = json.json().at("/data/tenants/2");
        assertThat(t01.path("id").asText() + " " + t02.path("id").asText()).isEqualTo("t01 t02");
        assertThat(t01.path("checkedAt").asText()).isEqualTo(t01.path("updatedAt").asText()).isNotEmpty();
        assertThat(t02.has("checkedAt")).isTrue();
        assertThat(t02.path("checkedAt").isNull()).as("never read: " + t02).isTrue();
        assertThat(t02.path("updatedAt").asText()).as("its registration, kept").isNotEmpty();
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
    void a_deployed_tenant_whose_schema_is_gone_stays_refused_by_deploy_after_a_plan_a_live_status_or_a_repair() throws Exception {
        fleet.addTenants(2);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("DROP SCHEMA " + fleet.schema("t01") + " CASCADE");
        assertThat(fleet.run("plan", "--all").exitCode()).isEqualTo(1);
        assertThat(fleet.run("status", "--fleet", "--live").exitCode()).isEqualTo(1);
        CliRun repair = fleet.run("repair", "--all");

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error", "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        assertThat(deploy.json().at("/errors").findValuesAsText("code")).containsExactly("TARGET_MISSING");
        assertThat(deploy.json().at("/errors/0/message").asText()).contains("Nothing was created");
        try (var c = FleetSetup.connect()) {
            assertThat(dev.flotilla.sql.Jdbc.queryString(c, "SELECT count(*) FROM pg_namespace WHERE nspname = ?",
                    fleet.schema("t01"))).as("the schema not created again, empty").isEqualTo("0");
        }
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants")).filteredOn(t -> t.get("id").asText()
                .equals("t01")).singleElement().satisfies(t -> assertThat(t.get("currentVersion").asText()).isEqualTo("2"));
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
            assertThat(e.get("message").asText()).contains("flyway_schema_history", "`flotilla adopt --tenants t01 --from flyway`");
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
