package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.migration.MigrationLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine used as a library: what a fleet's run keeps in the control plane is masked of its secret placeholders' values. */
class LibrarySecretPlaceholdersH2IT {
    private static final String SECRET = "Pw-S3cretXyz";

    @TempDir
    Path temp;
    Fleet fleet;

    @BeforeEach
    void createFleet() {
        fleet = FleetFixture.inH2(temp, 1);
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void a_failing_statement_quoting_a_secret_placeholder_is_kept_masked_without_the_application_registering_it()
            throws Exception {
        Path folder = Files.createDirectories(temp.resolve("leaky"));
        Files.writeString(folder.resolve("V1__grant.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");
        TargetOptions template = new TargetOptions(null, folder, Map.of("db_password", SECRET), null, Duration.ofSeconds(60),
                null, null, null, "test");

        DeployResult result = new FleetRunner(fleet.plane, template, new MigrationLoader(Set.of("db_password")).load(folder),
                Fleet.options(1, true), FleetListener.SILENT).deploy(fleet.targets());

        assertThat(result.ok()).isFalse();
        TaskRecord task = fleet.plane.deployments().tasks(result.deployment()).get(0);
        assertThat(task.error() + task.log()).as("the task's error and log").contains("nowhere").doesNotContain(SECRET);
        assertThat(fleet.plane.tenants().all()).extracting(TenantRecord::lastError).allSatisfy(error ->
                assertThat(error).doesNotContain(SECRET));
    }
}
