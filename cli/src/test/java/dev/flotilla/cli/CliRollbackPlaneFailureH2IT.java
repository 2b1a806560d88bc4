package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet rollback whose control plane fails once its rollback (a deployment) is recorded ends, as a deploy does (see
 * {@link CliDeployPlaneFailureH2IT}), with that rollback's id in its JSON and its error naming {@code rollback --resume}:
 * a {@code --json} reader had {@code "data": {}} and no id to resume.
 */
class CliRollbackPlaneFailureH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:fxb_rbplanefail_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_rollback_of_a_deployment_whose_control_plane_fails_names_it_and_the_resume_in_its_json() throws Exception {
        String config = deployedFleet();
        String deployed = CliRun.of("deployments", "list", "--json", "--config", config).json().at("/data/deployments/0/id").asText();
        refuseTaskWrites();

        assertNamesTheRollbackAndItsResume(CliRun.of("rollback", "--deployment", deployed, "--yes", "--json", "--config", config),
                config);
    }

    @Test
    void a_rollback_of_selected_tenants_whose_control_plane_fails_names_it_and_the_resume_in_its_json() throws Exception {
        String config = deployedFleet();
        refuseTaskWrites();

        assertNamesTheRollbackAndItsResume(CliRun.of("rollback", "--all", "--steps", "1", "--yes", "--json", "--config", config),
                config);
    }

    private String deployedFleet() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n",
                "U1__notes.sql", "DROP TABLE notes;\n"), List.of("east", "west"));
        CliRun deploy = CliRun.of("deploy", "--all", "--yes", "--config", config);
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        return config;
    }

    private void refuseTaskWrites() throws Exception {
        try (Connection plane = DriverManager.getConnection("jdbc:h2:file:" + temp.resolve(".flotilla").resolve("control")
                + ";AUTO_SERVER=TRUE", "sa", ""); Statement s = plane.createStatement()) {
            s.execute("CREATE TRIGGER refused BEFORE UPDATE ON deployment_tasks FOR EACH ROW CALL '"
                    + CliDeployPlaneFailureH2IT.TaskWritesRefused.class.getName() + "'");
        }
    }

    private static void assertNamesTheRollbackAndItsResume(CliRun rollback, String config) {
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        String id = rollback.json().at("/data/deployment").asText();
        assertThat(id).as(rollback.out()).startsWith("d");
        assertThat(CliRun.of("deployments", "list", "--json", "--config", config).json().at("/data/deployments/0/id").asText())
                .isEqualTo(id);
        assertThat(rollback.json().at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("message").asText()).contains("the control plane refuses task writes (test)",
                    "`flotilla rollback --resume " + id + "`");
            assertThat(error.get("commands").toString()).isEqualTo("[\"flotilla rollback --resume " + id + "\"]");
        });
    }
}
