package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.web.demo.DemoFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet commands in the folder {@code flotilla demo} made, as set up before its console starts. */
class CliDemoIT {
    @TempDir
    Path temp;

    @Test
    void every_fleet_command_run_in_the_demo_folder_works_on_the_demo_fleet() throws Exception {
        Path demo = temp.resolve("flotilla-demo");
        DemoFleet.open(demo).plane().close();
        String config = demo.resolve("flotilla.yml").toString();

        CliRun status = CliRun.of("status", "--fleet", "--config", config);
        CliRun plan = CliRun.of("plan", "--all", "--config", config);

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("maison_atelier", "bistro_lumiere");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("5 tenant(s): 5 pending");
    }

    @Test
    void a_flotilla_yml_already_in_the_folder_is_kept_as_it_is() throws Exception {
        Path demo = Files.createDirectories(temp.resolve("flotilla-demo"));
        Files.writeString(demo.resolve("flotilla.yml"), "# mine\n");

        DemoFleet.open(demo).plane().close();

        assertThat(demo.resolve("flotilla.yml")).hasContent("# mine");
    }
}
