package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Laravel-style versions ({@code V2025.10.01.060201__a.sql}, {@code 2025_11_01_000000_b.sql}) shown as written in the
 * text of plan, status, deployments show and dry-runs, as users search their logs for them; JSON keeps the canonical
 * version; H2.
 */
class CliVersionsAsWrittenH2IT {
    private static final Map<String, String> FILES = Map.of(
            "V2025.10.01.060201__a.sql", "CREATE TABLE a (id INT);\n",
            "2025_11_01_000000_b.sql", "CREATE TABLE b (id INT);\n");

    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_vw_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void plan_shows_applied_and_pending_versions_as_their_files_write_them() throws Exception {
        String config = H2Fleet.create(temp, url, "", FILES, List.of("t1", "t2"));
        CliRun deploy = CliRun.of("deploy", "--tenants", "t1", "--to", "2025.10.1.60201", "--yes", "--config", config);

        CliRun plan = CliRun.of("plan", "--all", "--config", config);
        CliRun fleet = CliRun.of("status", "--fleet", "--config", config);
        JsonNode json = CliRun.of("plan", "--all", "--json", "--config", config).json();

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.out()).contains("t1 (version 2025.10.01.060201 applied");
        assertThat(plan.out()).as(plan.out()).containsPattern("t1 .*2025\\.10\\.01\\.060201 +2025_11_01_000000")
                .containsPattern("t2 .*- +2025\\.10\\.01\\.060201, 2025_11_01_000000").doesNotContain("2025.10.1.60201");
        assertThat(fleet.out()).as(fleet.out()).containsPattern("t1 .*2025\\.10\\.01\\.060201").doesNotContain("2025.10.1.60201");
        assertThat(json.at("/data/tenants/0/currentVersion").asText()).isEqualTo("2025.10.1.60201");
        assertThat(json.at("/data/tenants/1/pendingVersions").toString()).isEqualTo("[\"2025.10.1.60201\",\"2025.11.1\"]");
    }

    @Test
    void deployments_show_names_the_versions_each_tenant_applied_as_their_files_write_them() throws Exception {
        String config = H2Fleet.create(temp, url, "", FILES, List.of("t1"));
        CliRun deploy = CliRun.of("deploy", "--all", "--yes", "--config", config);
        String id = deploy.out().lines().findFirst().orElseThrow().split(" ")[1];

        CliRun show = CliRun.of("deployments", "show", id, "--config", config);
        JsonNode json = CliRun.of("deployments", "show", id, "--json", "--config", config).json();

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(show.out()).as(show.out()).containsPattern("t1 .*2025\\.10\\.01\\.060201, 2025_11_01_000000")
                .doesNotContain("2025.10.1.60201", "2025.11.1");
        assertThat(json.at("/data/tasks/0/applied").toString()).isEqualTo("[\"2025.10.1.60201\",\"2025.11.1\"]");
    }

    @Test
    void dry_runs_and_dry_runs_show_name_the_versions_tested_as_their_files_write_them() throws Exception {
        String config = H2Fleet.create(temp, url, "", FILES, List.of("t1"));
        CliRun dryRun = CliRun.of("dry-run", "--all", "--to", "2025_10_01_060201", "--json", "--config", config);
        String id = dryRun.json().at("/data/dryRunId").asText();

        CliRun list = CliRun.of("dry-runs", "--config", config);
        CliRun show = CliRun.of("dry-runs", "show", id, "--config", config);
        JsonNode json = CliRun.of("dry-runs", "show", id, "--json", "--config", config).json();

        assertThat(id).as("recorded, though H2's in-memory schema cannot be cloned: " + dryRun.out()).isNotBlank();
        assertThat(show.out()).as(show.out()).contains("versions 2025.10.01.060201,").doesNotContain("2025.10.1.60201");
        assertThat(list.out()).as(list.out()).contains(" 2025.10.01.060201 ").doesNotContain("2025.10.1.60201");
        assertThat(json.at("/data/versions").toString()).isEqualTo("[\"2025.10.1.60201\"]");
    }

    @Test
    void status_of_one_target_shows_each_version_as_its_file_writes_it_and_to_takes_either_spelling() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            Files.writeString(migrations.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        String[] target = {"--url", url, "--user", "sa", "--migrations", migrations.toString()};
        CliRun migrate = CliRun.of(with(target, "migrate", "--to", "2025_10_01_060201"));

        CliRun status = CliRun.of(with(target, "status"));
        JsonNode json = CliRun.of(with(target, "status", "--json")).json();

        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        assertThat(migrate.out()).contains("(up to 2025_11_01_000000)");
        assertThat(status.out()).as(status.out()).containsPattern("2025\\.10\\.01\\.060201 +a +applied")
                .containsPattern("2025_11_01_000000 +b +pending").doesNotContain("2025.10.1.60201", "2025.11.1 ");
        assertThat(json.at("/data/migrations/0/version").asText()).isEqualTo("2025.10.1.60201");
    }

    private static String[] with(String[] target, String... command) {
        String[] all = java.util.Arrays.copyOf(command, command.length + target.length);
        System.arraycopy(target, 0, all, command.length, target.length);
        return all;
    }
}
