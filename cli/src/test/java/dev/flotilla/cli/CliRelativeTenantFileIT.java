package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant an earlier version registered with a relative SQLite file ({@code tenants add acme --url jdbc:sqlite:x/acme.db},
 * stored as given): it is read in the folder of flotilla.yml, whatever folder the command runs in, and where its file is
 * not there nothing is created for it, the refusal naming the commands that register it again with an absolute path.
 */
class CliRelativeTenantFileIT {
    @TempDir
    Path temp;

    /** The tenant's relative folder, unique: the commands run in this module's folder, which must stay clean. */
    private final String folder = "flt_rp_" + UUID.randomUUID().toString().substring(0, 8);
    private final Path inWorkingFolder = Path.of(folder).toAbsolutePath();

    @AfterEach
    void removeWhatACommandMadeInTheWorkingFolder() throws Exception {
        if (Files.exists(inWorkingFolder)) {
            try (Stream<Path> made = Files.walk(inWorkingFolder)) {
                for (Path path : made.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private Path config() throws Exception {
        Path home = Files.createDirectories(temp.resolve("cfg"));
        Files.createDirectories(home.resolve("migrations"));
        Files.writeString(home.resolve("migrations").resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        Path config = home.resolve("flotilla.yml");
        Files.writeString(config, """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "jdbc:sqlite:%s/{tenant}.db"
                deploy:
                  backup: false
                """.formatted(home.resolve("template")), StandardCharsets.UTF_8);
        return config;
    }

    /** Registers acme as an earlier version did: its URL stored as given, relative. */
    private void registerAsBefore(Path config) {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(config.getParent()), ControlPlane.EMBEDDED_USER, null)) {
            plane.tenants().add(new Tenant(TenantId.of("acme"), "Acme & Co", "jdbc:sqlite:" + folder + "/acme.db", null,
                    List.of("pilot")));
        }
    }

    private static CliRun run(Path config, String... args) {
        return CliRun.withConfig(Map.of(), config, args);
    }

    @Test
    void a_tenant_stored_with_a_relative_file_is_read_in_the_folder_of_flotilla_yml() throws Exception {
        Path config = config();
        Path file = config.getParent().resolve(folder).resolve("acme.db");
        Files.createDirectories(file.getParent());
        CliRun migrated = CliRun.of("migrate", "--url", "jdbc:sqlite:" + file, "--migrations", config.getParent().resolve("migrations").toString());
        registerAsBefore(config);

        JsonNode plan = run(config, "plan", "--tenants", "acme", "--json").json();
        CliRun deploy = run(config, "deploy", "--tenants", "acme", "--yes");

        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        assertThat(plan.at("/data/tenants/0/state").asText()).as(plan.toString()).isEqualTo("up-to-date");
        assertThat(plan.at("/data/tenants/0/currentVersion").asText()).isEqualTo("1");
        assertThat(plan.at("/data/tenants/0/target").asText()).isEqualTo("jdbc:sqlite:" + file);
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(inWorkingFolder).as("nothing made where the command ran").doesNotExist();
    }

    @Test
    void a_tenant_stored_with_a_relative_file_that_is_not_there_is_refused_and_nothing_is_created() throws Exception {
        Path config = config();
        registerAsBefore(config);

        JsonNode plan = run(config, "plan", "--tenants", "acme", "--json").json();
        CliRun deploy = run(config, "deploy", "--tenants", "acme", "--yes", "--json");

        assertThat(plan.at("/errors/0/code").asText()).as(plan.toString()).isEqualTo("TARGET_MISSING");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        JsonNode error = deploy.json().at("/errors/0");
        assertThat(error.path("code").asText()).isEqualTo("TARGET_MISSING");
        assertThat(error.path("tenant").asText()).isEqualTo("acme");
        assertThat(error.path("message").asText()).contains("registered by an earlier version of Flotilla with a relative file,"
                        + " jdbc:sqlite:" + folder + "/acme.db", "read in the folder of flotilla.yml (" + config.getParent() + ")",
                "jdbc:sqlite:" + config.getParent().resolve(folder).resolve("acme.db") + " does not exist", "Nothing was created",
                "`flotilla tenants remove acme` then `flotilla tenants add acme --url 'jdbc:sqlite:/path/to/its/folder/" + folder
                        + "/acme.db' --name 'Acme & Co' --group pilot`");
        assertThat(config.getParent().resolve(folder)).doesNotExist();
        assertThat(inWorkingFolder).doesNotExist();
    }

    @Test
    void a_relative_file_found_only_where_the_command_runs_is_named_in_the_command_that_registers_it_again() throws Exception {
        Path config = config();
        registerAsBefore(config);
        Files.createDirectories(inWorkingFolder);
        CliRun.of("migrate", "--url", "jdbc:sqlite:" + inWorkingFolder.resolve("acme.db"), "--migrations",
                config.getParent().resolve("migrations").toString());

        CliRun deploy = run(config, "deploy", "--tenants", "acme", "--yes", "--json");

        assertThat(deploy.json().at("/errors/0/message").asText()).contains("The file is in the folder this command runs in",
                "`flotilla tenants add acme --url 'jdbc:sqlite:" + inWorkingFolder.resolve("acme.db") + "' --name 'Acme & Co'");
        assertThat(config.getParent().resolve(folder)).doesNotExist();
    }
}
