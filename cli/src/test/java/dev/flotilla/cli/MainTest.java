package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path temp;

    @Test
    void every_subcommand_is_registered_under_its_own_command_name() {
        FlotillaCommand.SUBCOMMANDS.forEach((name, type) ->
                assertThat(type.getAnnotation(picocli.CommandLine.Command.class).name()).as(type.getSimpleName()).isEqualTo(name));
    }

    @Test
    void version_alone_prints_the_version_and_help_still_lists_every_command() {
        for (String flag : new String[] {"--version", "-V"}) {
            CliRun run = CliRun.of(flag);

            assertThat(run.exitCode()).as(flag).isZero();
            assertThat(run.out()).as(flag).matches("flotilla \\S+\\R");
        }
        CliRun help = CliRun.of("--help");

        assertThat(help.exitCode()).isZero();
        FlotillaCommand.SUBCOMMANDS.keySet().forEach(name -> assertThat(help.out()).contains("  " + name + " "));
    }

    @Test
    void every_command_list_gives_each_command_one_whole_sentence_on_one_line_of_80_columns() {
        List<List<String>> lists = new ArrayList<>();
        lists.add(List.of());
        FlotillaCommand.SUBCOMMANDS.forEach((name, type) -> {
            if (type.getAnnotation(picocli.CommandLine.Command.class).subcommands().length > 0) {
                lists.add(List.of(name));
            }
        });
        for (List<String> parent : lists) {
            List<String> args = new ArrayList<>(parent);
            args.add("--help");
            List<String> listed = CliRun.of(args.toArray(String[]::new)).out().lines()
                    .dropWhile(line -> !line.equals("Commands:")).skip(1).takeWhile(line -> !line.isBlank()).toList();

            assertThat(listed).as(String.join(" ", args)).isNotEmpty();
            for (String line : listed) {
                assertThat(line).as("a description wrapped onto a line of its own, under " + String.join(" ", args))
                        .matches("  \\S+ +\\S.*");
                assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
                assertThat(line).as("a description cut before its end").matches(".*[.)]");
                String[] nameAndText = line.strip().split(" +", 2);
                List<String> command = new ArrayList<>(parent);
                command.add(nameAndText[0]);
                command.add("--help");
                assertThat(oneLine(CliRun.of(command.toArray(String[]::new)).out())).as("the command's own help")
                        .contains(nameAndText[1]);
            }
        }
    }

    @Test
    void a_commands_own_help_still_gives_its_whole_description() {
        List<List<String>> commands = new ArrayList<>();
        FlotillaCommand.SUBCOMMANDS.forEach((name, type) -> addWithSubcommands(commands, List.of(name), type));
        for (List<String> command : commands) {
            Class<?> type = FlotillaCommand.SUBCOMMANDS.get(command.get(0));
            for (String name : command.subList(1, command.size())) {
                type = java.util.Arrays.stream(type.getAnnotation(picocli.CommandLine.Command.class).subcommands())
                        .filter(sub -> sub.getAnnotation(picocli.CommandLine.Command.class).name().equals(name)).findFirst().orElseThrow();
            }
            String description = String.join("", type.getAnnotation(picocli.CommandLine.Command.class).description());
            List<String> args = new ArrayList<>(command);
            args.add("--help");

            String help = CliRun.of(args.toArray(String[]::new)).out();

            // Without spaces: picocli wraps where it likes (after "backup." in "backup.dir" too).
            assertThat(help.replaceAll("\\s+", "")).as(String.join(" ", args)).contains(description.replaceAll("\\s+", ""));
            List<String> paragraph = help.lines().dropWhile(line -> !line.startsWith("Usage:"))
                    .dropWhile(line -> !line.startsWith(description.substring(0, 20)))
                    .takeWhile(line -> !line.isBlank() && !line.startsWith(" ")).toList();
            assertThat(paragraph.subList(0, paragraph.size() - 1)).as("lines filled to 80 columns, not broken where the source is")
                    .allSatisfy(line -> assertThat(line.length()).as(line).isGreaterThan(55));
        }
    }

    /** Help text as one line: picocli wraps it at 80 columns. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void version_with_json_is_one_json_document_and_help_with_json_stays_text() {
        for (List<String> args : List.of(List.of("--json", "--version"), List.of("--version", "--json"), List.of("-V", "--json"))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(args.toString()).isZero();
            JsonNode json = run.json();
            assertThat(json.get("ok").asBoolean()).isTrue();
            assertThat(json.get("command").asText()).isEqualTo("version");
            assertThat(json.at("/data/version").asText()).isNotEmpty().doesNotStartWith("flotilla");
            assertThat(json.get("errors")).isEmpty();
        }
        CliRun help = CliRun.of("--json", "deploy", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: flotilla deploy");
    }

    @Test
    void a_command_that_groups_others_given_global_options_but_no_subcommand_says_which_is_missing_as_json() {
        for (List<String> args : List.of(List.of("tenants", "--json"), List.of("--json", "tenants"),
                List.of("deployments", "--json", "--config", "x.yml"), List.of("--json"))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(run.json().at("/errors/0/code").asText()).as(args.toString()).isEqualTo("BAD_USAGE");
            assertThat(run.json().at("/errors/0/message").asText()).as(args.toString()).contains("Missing command");
        }
        CliRun list = CliRun.of("tenants", "--json", "list", "--config", temp.resolve("absent.yml").toString());

        assertThat(list.json().at("/command").asText()).as("--json reaches the subcommand").isEqualTo("tenants list");
    }

    @Test
    void lint_takes_the_options_of_every_single_target_command_and_fills_schema_with_schema() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("lint"));
        Files.writeString(folder.resolve("V1__t.sql"), "CREATE TABLE ${schema}.t (id INT PRIMARY KEY);\n");

        CliRun run = CliRun.of("lint", "--migrations", folder.toString(), "--dialect", "postgresql", "--user", "app",
                "--password-env", "APP_PASSWORD", "--schema", "tenant_a", "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_password_given_as_a_flag_is_masked_in_the_refusal_which_points_at_password_env() {
        String secret = "Zq7secretWx41";
        for (List<String> args : List.of(List.of("status", "--url", "jdbc:h2:mem:x", "--password=" + secret, "--json"),
                List.of("status", "--url", "jdbc:h2:mem:x", "--password", secret, "--json"),
                List.of("status", "--url", "jdbc:h2:mem:x", "--db-token=" + secret, "--json"),
                List.of("status", "--url", "jdbc:h2:mem:x", "-p" + secret, "--json"))) {
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(run.out() + run.err()).as(args.toString()).doesNotContain(secret);
            assertThat(run.json().at("/errors/0/message").asText()).as(args.toString()).contains("****", "--password-env");
        }
    }

    @Test
    void an_unknown_flag_is_bad_usage_with_exit_2() {
        CliRun run = CliRun.of("migrate", "--no-such-flag");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("BAD_USAGE", "--no-such-flag", "--help");
    }

    @Test
    void the_fleet_commands_take_concurrency_flags_and_one_target_refuses_them() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        for (String command : List.of("plan", "verify", "drift", "adopt", "baseline", "dry-run", "deploy", "rollback", "repair",
                "backup", "restore", "status")) {
            CliRun help = CliRun.of(command, "--help");

            assertThat(help.out()).as(command).contains("--concurrency=N", "--per-server=N", "--connect-timeout=DURATION");
        }
        for (String command : List.of("verify", "drift", "repair")) {
            CliRun run = CliRun.of(command, "--url", "jdbc:h2:mem:fxcc_one", "--migrations", migrations.toString(),
                    "--concurrency", "2");

            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).contains("BAD_USAGE", "--concurrency and --per-server are for tenants of the fleet");
        }
    }

    @Test
    void a_connect_timeout_of_zero_is_bad_usage_with_exit_2() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        for (List<String> command : List.of(List.of("plan", "--all"), List.of("verify", "--url", "jdbc:h2:mem:fxct_zero",
                "--migrations", migrations.toString()))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--connect-timeout", "0s"));
            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(command.get(0)).isEqualTo(2);
            assertThat(run.err()).as(command.get(0)).contains("BAD_USAGE", "--connect-timeout must be above zero, was '0s'");
        }
    }

    @Test
    void every_command_and_subcommand_answers_help_with_its_usage_and_exit_0_without_a_word_from_picocli() {
        List<List<String>> commands = new ArrayList<>();
        FlotillaCommand.SUBCOMMANDS.forEach((name, type) -> addWithSubcommands(commands, List.of(name), type));
        PrintStream stderr = System.err;
        ByteArrayOutputStream picocli = new ByteArrayOutputStream();
        System.setErr(new PrintStream(picocli, true, StandardCharsets.UTF_8));
        try {
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                args.add("--help");

                CliRun run = CliRun.of(args.toArray(String[]::new));

                assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
                assertThat(run.out()).contains("Usage: flotilla " + String.join(" ", command));
                // An unescaped ${name} in a description is a picocli variable: an unknown one prints as null.
                assertThat(run.out()).as(String.join(" ", args)).doesNotContainPattern("\\bnull\\b");
                // picocli writes its own warnings (a description it cannot format, say) straight to System.err.
                assertThat(picocli.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).isEmpty();
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(commands).hasSizeGreaterThan(FlotillaCommand.SUBCOMMANDS.size()).contains(List.of("tenants", "discover"));
    }

    private static void addWithSubcommands(List<List<String>> commands, List<String> command, Class<?> type) {
        commands.add(command);
        for (Class<?> subcommand : type.getAnnotation(picocli.CommandLine.Command.class).subcommands()) {
            List<String> path = new ArrayList<>(command);
            path.add(subcommand.getAnnotation(picocli.CommandLine.Command.class).name());
            addWithSubcommands(commands, path, subcommand);
        }
    }

    @Test
    void a_usage_error_with_json_is_still_one_json_document() {
        JsonNode json = CliRun.of("status", "--json", "--bogus").json();

        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("BAD_USAGE");
    }

    @Test
    void the_options_every_command_takes_may_come_before_the_command_as_the_contract_writes_them() throws Exception {
        Files.writeString(temp.resolve("V1__init.sql"), "CREATE TABLE a (id INT);");

        CliRun run = CliRun.of("--json", "--no-color", "validate", "--migrations", temp.toString());
        CliRun fleet = CliRun.of("--config", temp.resolve("nowhere.yml").toString(), "--json", "tenants", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("command").asText()).isEqualTo("validate");
        assertThat(fleet.exitCode()).isEqualTo(2);
        assertThat(fleet.json().at("/errors/0/message").asText()).as("the --config given first is the one read")
                .contains("nowhere.yml");
        assertThat(Main.globalOptionsAfterTheCommand(new String[] {"--json", "migrate", "--url", "u", "--", "x"}))
                .containsExactly("migrate", "--url", "u", "--json", "--", "x");
        assertThat(Main.globalOptionsAfterTheCommand(new String[] {"migrate", "--json"})).containsExactly("migrate", "--json");
    }

    @Test
    void lint_takes_the_dialect_by_its_usual_names_and_says_which_ones_it_knows() throws Exception {
        Files.writeString(temp.resolve("V1__init.sql"), "CREATE TABLE a (id INT);");

        CliRun postgres = CliRun.of("lint", "--dialect", "postgres", "--migrations", temp.toString());
        CliRun unknown = CliRun.of("lint", "--dialect", "oracle", "--migrations", temp.toString());

        assertThat(postgres.exitCode()).as(postgres.err()).isZero();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("UNKNOWN_DIALECT", "'oracle'", "postgresql, mariadb, mysql, sqlite or h2")
                .doesNotContain("jdbc:");
    }

    @Test
    void validate_without_a_url_checks_the_files_alone() throws Exception {
        Files.writeString(temp.resolve("V1__init.sql"), "CREATE TABLE a (id INT);");
        Files.writeString(temp.resolve("notes.sql"), "-- not a migration name");

        CliRun run = CliRun.of("validate", "--migrations", temp.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("1 migration file(s)", "valid", "notes.sql");
    }

    @Test
    void validate_and_lint_name_a_gap_in_the_numbering_as_a_notice_and_exit_as_before() throws Exception {
        for (String file : List.of("029_a.sql", "030_b.sql", "032_c.sql", "033_d.sql")) {
            Files.writeString(temp.resolve(file), "CREATE TABLE t" + file.substring(0, 3) + " (id INT);");
        }

        CliRun text = CliRun.of("--no-color", "validate", "--migrations", temp.toString());
        CliRun json = CliRun.of("--json", "validate", "--migrations", temp.toString());
        CliRun lint = CliRun.of("--json", "lint", "--dialect", "postgresql", "--migrations", temp.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("notice 031 is missing between 030 and 032").contains("are valid");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json().at("/data/notices").toString()).isEqualTo("[\"031 is missing between 030 and 032\"]");
        assertThat(json.json().at("/errors").size()).isZero();
        assertThat(lint.exitCode()).as(lint.err()).isZero();
        assertThat(lint.json().at("/data/notices/0").asText()).isEqualTo("031 is missing between 030 and 032");
    }

    @Test
    void validate_without_a_url_refuses_a_script_no_dialect_can_split_and_keeps_one_only_its_dialect_can() throws Exception {
        Files.writeString(temp.resolve("V1__init.sql"), "CREATE TABLE a (id INT);");
        Files.writeString(temp.resolve("V2__fn.sql"), "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;");
        Files.writeString(temp.resolve("V3__str.sql"), "SELECT 'unterminated;\n");
        Files.writeString(temp.resolve("V4__cmt.sql"), "/* never closed\n");

        CliRun run = CliRun.of("validate", "--migrations", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("2 cannot be split").doesNotContain("are valid");
        assertThat(run.err()).contains("SQL_PARSE_ERROR", "V3__str.sql line 1", "V4__cmt.sql line 1").doesNotContain("V2__fn.sql");
    }

    @Test
    void duplicate_versions_are_reported_together_with_exit_2() throws Exception {
        Files.writeString(temp.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(temp.resolve("001_b.sql"), "SELECT 1;");
        Files.writeString(temp.resolve("V2__c.sql"), "SELECT '${nope}';");

        CliRun run = CliRun.of("validate", "--json", "--migrations", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode findings = run.json().at("/errors/0/findings");
        assertThat(findings.toString()).contains("DUPLICATE_VERSION", "V1__a.sql", "001_b.sql", "UNKNOWN_PLACEHOLDER", "nope");
    }

    @Test
    void validate_reports_scripts_that_cannot_be_split_in_the_same_run_as_naming_problems() throws Exception {
        Files.writeString(temp.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(temp.resolve("001_b.sql"), "SELECT 1;");
        Files.writeString(temp.resolve("V2__str.sql"), "CREATE TABLE t (id INT);\nSELECT 'unterminated;\n");

        CliRun run = CliRun.of("validate", "--json", "--migrations", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode findings = run.json().at("/errors/0/findings");
        assertThat(findings.findValuesAsText("code")).containsExactly("DUPLICATE_VERSION", "SQL_PARSE_ERROR");
        assertThat(findings.get(1).get("file").asText()).isEqualTo("V2__str.sql");
        assertThat(findings.get(1).get("line").asInt()).isEqualTo(2);
    }

    @Test
    void with_a_url_the_scripts_reported_with_naming_problems_are_split_as_the_targets_dialect_splits_them() throws Exception {
        Files.writeString(temp.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(temp.resolve("001_b.sql"), "SELECT 1;");
        Files.writeString(temp.resolve("V2__fn.sql"), "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$\nSELECT 1;\n");

        CliRun run = CliRun.of("validate", "--json", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--migrations",
                temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode findings = run.json().at("/errors/0/findings");
        assertThat(findings.findValuesAsText("code")).containsExactly("DUPLICATE_VERSION", "SQL_PARSE_ERROR");
        assertThat(findings.get(1).get("file").asText()).isEqualTo("V2__fn.sql");
        assertThat(findings.get(1).get("line").asInt()).isEqualTo(2);
    }

    @Test
    void a_missing_migrations_folder_says_where_it_looked() {
        CliRun run = CliRun.of("validate", "--migrations", temp.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MIGRATIONS_NOT_FOUND", "nowhere");
    }

    @Test
    void a_control_plane_that_cannot_be_reached_is_named_with_its_setting_and_file() throws Exception {
        Path config = Files.writeString(temp.resolve("flotilla.yml"), """
                controlPlane: { url: "jdbc:postgresql://127.0.0.1:1/flotilla" }
                tenancy: { model: schema-per-tenant, url: "jdbc:postgresql://127.0.0.1:5432/test" }
                """);

        CliRun run = CliRun.of("tenants", "list", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("CONNECTION_FAILED", "The control plane (controlPlane.url in " + config + ")",
                "127.0.0.1:1");
    }

    @Test
    void a_migrations_folder_without_a_migration_is_warned_about_not_called_up_to_date_in_silence() throws Exception {
        Files.createDirectories(temp.resolve("migratoins"));
        Path config = Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migratoins
                tenancy: { model: database-per-tenant, urlTemplate: "jdbc:sqlite:tenants/{tenant}.db" }
                """);
        assertThat(CliRun.of("tenants", "add", "acme", "--config", config.toString()).exitCode()).isZero();

        CliRun plan = CliRun.of("plan", "--all", "--config", config.toString());

        assertThat(plan.err()).contains(temp.resolve("migratoins") + " holds no migration file", "migrations: in " + config);
    }

    @Test
    void an_unset_password_variable_is_named() throws Exception {
        CliRun run = CliRun.of("migrate", "--url", "jdbc:sqlite:" + temp.resolve("x.db"), "--password-env", "NOT_SET_ANYWHERE",
                "--migrations", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("NOT_SET_ANYWHERE", "not set");
    }

    @Test
    void a_password_given_to_password_env_instead_of_a_variable_name_is_not_printed_in_text_or_json() {
        for (String json : new String[] {"--verbose", "--json"}) {
            CliRun run = CliRun.of("migrate", "--url", "jdbc:sqlite:" + temp.resolve("x.db"), "--password-env", "PgS3cret_xq91",
                    "--migrations", temp.toString(), json);

            assertThat(run.exitCode()).as(json).isEqualTo(2);
            assertThat(run.out() + run.err()).as(json).doesNotContain("PgS3cret_xq91").contains("--password-env", "not shown");
        }
    }

    @Test
    void an_unsupported_database_url_is_rejected_clearly() throws Exception {
        CliRun run = CliRun.of("status", "--url", "jdbc:oracle:thin:@db:1521/x", "--migrations", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("UNKNOWN_DIALECT", "oracle");
    }

    @Test
    void help_lists_the_commands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("migrate", "status", "validate", "dry-run", "rollback", "repair", "baseline", "Exit codes");
    }

    @Test
    void an_unknown_command_is_bad_usage_naming_the_commands_there_are() {
        CliRun run = CliRun.of("statuss");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("statuss", "status");
    }

    @Test
    void config_given_to_migrate_says_it_reads_no_configuration_file_and_what_to_give_instead() {
        CliRun run = CliRun.of("--config", temp.resolve("x.yml").toString(), "migrate", "--url", "jdbc:sqlite::memory:");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option", "reads no configuration file", "--url", "--password-env");
    }

    @Test
    void credentials_written_in_a_url_are_said_to_be_unsupported_with_the_password_still_masked() {
        CliRun run = CliRun.of("status", "--url", "jdbc:mariadb://root:s3cret@127.0.0.1:3306/db");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Credentials in the URL", "are not supported", "--user", "--password-env")
                .doesNotContain("s3cret").doesNotContain("Incorrect port");
    }

    @Test
    void a_tenant_id_taken_for_an_option_is_answered_with_the_rule_of_tenant_ids() {
        CliRun run = CliRun.of("tenants", "add", "-bad");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'ID'", "starting with a letter or digit",
                "starting with '-' is read as an option");
    }
}
