package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy whose control plane fails once its deployment is recorded (here a trigger refusing every write to a task; in
 * the walk, the process serving the embedded file exiting while this one wrote through it) ends with that deployment's
 * id in its JSON and its error naming the resume, as the text output's first line named it: a CI job reading
 * {@code --json} had {@code "data": {}} and no id to resume.
 */
class CliDeployPlaneFailureH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:fxb_planefail_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    /** Refuses every change to a deployment's task, as a control plane gone away would. */
    public static final class TaskWritesRefused implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            throw new SQLException("the control plane refuses task writes (test)");
        }
    }

    @Test
    void a_deploy_whose_control_plane_fails_after_the_deployment_exists_names_it_and_the_resume_in_its_json() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"),
                List.of("east", "west"));
        try (Connection plane = DriverManager.getConnection("jdbc:h2:file:" + temp.resolve(".flotilla").resolve("control")
                + ";AUTO_SERVER=TRUE", "sa", ""); Statement s = plane.createStatement()) {
            s.execute("CREATE TRIGGER refused BEFORE UPDATE ON deployment_tasks FOR EACH ROW CALL '"
                    + TaskWritesRefused.class.getName() + "'");
        }

        CliRun deploy = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        String deployment = deploy.json().at("/data/deployment").asText();
        assertThat(deployment).as(deploy.out()).startsWith("d");
        assertThat(CliRun.of("deployments", "list", "--json", "--config", config).json().at("/data/deployments/0/id").asText())
                .isEqualTo(deployment);
        assertThat(deploy.json().at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("message").asText()).contains("the control plane refuses task writes (test)",
                    "`flotilla deploy --resume " + deployment + "`");
            assertThat(error.get("commands").toString()).isEqualTo("[\"flotilla deploy --resume " + deployment + "\"]");
        });
    }
}
