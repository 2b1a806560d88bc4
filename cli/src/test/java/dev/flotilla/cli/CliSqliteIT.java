package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on an embedded SQLite database, with the bundled example migrations. */
class CliSqliteIT {
    private static final Path EXAMPLES = Path.of("..", "examples", "tenant_migrations");

    @TempDir
    Path temp;
    String url;

    @BeforeEach
    void setUp() {
        url = "jdbc:sqlite:" + temp.resolve("tenant.db");
    }

    private CliRun flotilla(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--migrations";
        all[args.length + 3] = EXAMPLES.toString();
        return CliRun.of(all);
    }

    @Test
    void migrates_the_examples_and_a_second_run_does_nothing() {
        CliRun first = flotilla("migrate");
        CliRun second = flotilla("migrate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("applied 1 initial schema", "applied 2025_11 serial system integration", "R__reporting_views.sql");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Nothing to do");
    }

    @Test
    void verify_of_one_target_ends_naming_the_target_not_a_count_of_tenants() {
        flotilla("migrate");

        CliRun verify = flotilla("verify");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).endsWith("Verified " + url + ": ok.\n").doesNotContain("tenant(s)");
    }

    @Test
    void status_and_validate_of_a_database_liquibase_migrated_say_foreign_history_as_migrate_does() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255))");
            c.createStatement().execute("CREATE TABLE companies (id INT)");
        }

        CliRun migrate = flotilla("migrate");
        CliRun status = flotilla("status");
        JsonNode json = flotilla("status", "--json").json();
        CliRun validate = flotilla("validate");

        assertThat(migrate.exitCode()).isEqualTo(1);
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("FOREIGN_HISTORY", "Liquibase's history table DATABASECHANGELOG", "adopt --from liquibase");
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("FOREIGN_HISTORY");
        assertThat(json.at("/data/migrations").findValuesAsText("state")).containsOnly("pending");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out() + validate.err()).contains("1 problem(s) on", "FOREIGN_HISTORY");
    }

    @Test
    void status_as_json_lists_every_migration_with_its_state() {
        flotilla("migrate");

        JsonNode json = flotilla("status", "--json").json();

        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("command").asText()).isEqualTo("status");
        JsonNode migrations = json.at("/data/migrations");
        assertThat(migrations.size()).isEqualTo(4);
        assertThat(migrations.get(1).get("version").asText()).isEqualTo("2025.11");
        assertThat(migrations.findValuesAsText("state")).containsOnly("applied");
    }

    @Test
    void dry_run_reports_statements_and_changes_nothing() {
        JsonNode json = flotilla("dry-run", "--json").json();

        assertThat(json.get("ok").asBoolean()).isTrue();
        JsonNode tenant = json.at("/data/tenants/0");
        assertThat(tenant.get("status").asText()).isEqualTo("success");
        assertThat(tenant.get("mode").asText()).isEqualTo("transaction");
        assertThat(tenant.get("statements").size()).isGreaterThan(3);
        assertThat(tenant.at("/diff/tablesCreated").findValuesAsText("")).isEmpty();
        assertThat(tenant.at("/diff/tablesCreated").toString()).contains("companies", "serials", "notification_configurations");
        assertThat(tenant.at("/diff/viewsCreated").size()).isPositive();
        assertThat(flotilla("status", "--json").json().at("/data/migrations").findValuesAsText("state")).containsOnly("pending");
    }

    @Test
    void a_dry_run_to_a_version_of_one_target_runs_the_files_up_to_it_and_the_repeatables_only() {
        CliRun upTo = flotilla("dry-run", "--to", "2025.11");
        CliRun unknown = flotilla("dry-run", "--to", "7");

        assertThat(upTo.exitCode()).as(upTo.err()).isZero();
        assertThat(upTo.out()).contains("would apply 1 initial schema", "would apply 2025_11 serial system integration",
                "would apply R__reporting_views.sql", "Would apply 3 migration(s)")
                .doesNotContain("notification configurations");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to 7: no migration file has version 7 (the newest is 2025_12).");
        assertThat(flotilla("status", "--json").json().at("/data/migrations").findValuesAsText("state")).containsOnly("pending");
    }

    @Test
    void migrate_to_a_version_or_a_file_s_name_applies_the_files_up_to_it_and_says_what_is_left() {
        CliRun byName = flotilla("migrate", "--to", "V1__initial_schema.sql");
        CliRun byVersion = flotilla("migrate", "--to", "2025.11");
        CliRun again = flotilla("migrate", "--to", "1");
        CliRun unknown = flotilla("migrate", "--to", "032_unify_migration_tracking.sql");

        assertThat(byName.exitCode()).as(byName.err()).isZero();
        assertThat(byName.out()).contains("applied 1 initial schema", "2 later migration(s) left pending (up to 2025_12):"
                + " `flotilla migrate` applies them").doesNotContain("serial system integration");
        assertThat(byVersion.out()).contains("applied 2025_11 serial system integration", "1 later migration(s) left pending")
                .doesNotContain("notification configurations");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Nothing to do: " + url + " is at 2025_11 already, above --to 1 (`flotilla"
                + " rollback --to 1` goes back to it).");
        CliRun test = flotilla("dry-run", "--to", "1");
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("Nothing to test: " + url + " is at 2025_11 already, above --to 1");
        assertThat(test.err()).doesNotContain("MISSING_MIGRATION_FILE");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to 032_unify_migration_tracking.sql is neither a migration version nor a"
                + " migration file's name");
        assertThat(flotilla("status", "--json").json().at("/data/migrations").findValuesAsText("state"))
                .containsExactly("applied", "applied", "pending", "applied");
    }

    @Test
    void rollback_to_a_version_runs_down_files_and_status_shows_them_pending() {
        flotilla("migrate");

        CliRun rollback = flotilla("rollback", "--to", "1");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("rolled back 2025_12", "rolled back 2025_11");
        JsonNode status = flotilla("status", "--json").json().at("/data/migrations");
        // The repeatable view was applied over 2025.11, whose down file drops it: it is applied again too.
        assertThat(status.findValuesAsText("state")).containsExactly("applied", "pending", "pending", "pending");
        // A pending migration that was rolled back shows when, not the undo's run as its own installation.
        assertThat(status.get(1).has("installedOn")).isFalse();
        assertThat(status.get(1).get("rolledBackOn").asText()).isNotEmpty();
        assertThat(status.get(3).get("script").asText()).isEqualTo("R__reporting_views.sql");
        assertThat(status.get(3).has("installedOn")).isFalse();
        assertThat(status.get(3).get("rolledBackOn").asText()).isNotEmpty();
        assertThat(rollback.out()).contains("R__reporting_views.sql was applied over what the rollback undid");
        assertThat(flotilla("status").out()).contains("rolled back ");
    }

    @Test
    void a_dry_run_of_a_rollback_says_what_it_would_undo_and_a_dry_run_of_a_migrate_what_it_would_apply() {
        flotilla("migrate");

        CliRun rollback = flotilla("rollback", "--dry-run", "--steps", "1");
        flotilla("rollback", "--to", "1");
        CliRun migrate = flotilla("dry-run");

        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("would undo 2025_12 notification configurations", "Would roll back 1 migration(s)")
                .doesNotContain("apply");
        assertThat(migrate.out()).contains("would apply 2025_11 serial system integration", "would apply R__reporting_views.sql",
                "Would apply 3 migration(s)");
    }

    @Test
    void a_failing_migration_exits_1_with_the_file_statement_and_line() throws Exception {
        Path folder = temp.resolve("broken");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__ok.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(folder.resolve("V2__broken.sql"), "CREATE TABLE b (id INT);\n\nINSERT INTO missing VALUES (1);\n");

        CliRun run = CliRun.of("migrate", "--json", "--url", url, "--migrations", folder.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("SQL_ERROR");
        assertThat(json.at("/errors/0/message").asText()).contains("V2__broken.sql", "statement 2 of 2", "line 3", "missing");
        assertThat(json.at("/data/applied").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    void rollback_needs_steps_or_to() {
        CliRun run = flotilla("rollback");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--steps", "--to");
    }

    @Test
    void validate_with_a_url_finds_scripts_that_cannot_be_split_and_edited_files() throws Exception {
        Path folder = temp.resolve("edited");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        CliRun.of("migrate", "--url", url, "--migrations", folder.toString());
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id BIGINT);\n");
        Files.writeString(folder.resolve("V2__b.sql"), "CREATE TABLE b (id INT);\nCREATE TRIGGER t AFTER INSERT ON b BEGIN\n SELECT 1;\n");

        CliRun run = CliRun.of("validate", "--json", "--url", url, "--migrations", folder.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json().at("/errors").findValuesAsText("code")).containsExactly("SQL_PARSE_ERROR", "CHECKSUM_MISMATCH");
        assertThat(run.json().at("/errors/0/message").asText()).contains("V2__b.sql", "line 2", "no matching END");
    }

    @Test
    void validate_round_trip_applies_each_down_file_and_the_migration_again_and_keeps_nothing() {
        JsonNode json = flotilla("validate", "--round-trip", "--json").json();

        assertThat(json.get("ok").asBoolean()).as(json.toString()).isTrue();
        assertThat(json.at("/data/roundTrips").findValuesAsText("script")).containsExactly("V1__initial_schema.sql",
                "2025_11_serial_system_integration.sql", "2025_12_notification_configurations.sql", "R__reporting_views.sql");
        assertThat(json.at("/data/roundTrips/0/ok").asBoolean()).isTrue();
        assertThat(json.at("/data/roundTrips/3/skipped").asText()).isEqualTo("no down file");
        assertThat(flotilla("status", "--json").json().at("/data/migrations").findValuesAsText("state")).containsOnly("pending");
    }
}
