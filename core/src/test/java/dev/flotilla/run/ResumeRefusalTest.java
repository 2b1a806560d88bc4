package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeRefusalTest {
    private static final TenantId T1 = TenantId.of("t1");

    @Test
    void a_resume_of_a_deployment_a_later_one_took_over_is_refused_naming_the_look_and_the_new_deployment_as_commands()
            throws Exception {
        try (ControlPlane plane = ControlPlane.open("jdbc:h2:mem:rr_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1",
                "sa", null)) {
            plane.tenants().add(new Tenant(T1, null, null, null, List.of()));
            String later = plane.deployments().create("ops", "{}", List.of(new DeploymentStore.NewTask(T1, 1)));
            plane.tenants().updateState(T1, "up-to-date", "2", 0, later, null);
            // Started before the later one: the epoch.
            DeploymentRecord old = new DeploymentRecord("d-old", DeploymentStatus.FAILED, Instant.EPOCH, null, "ops", "host",
                    null, 1, 0, 0, 1, 0, "deploy", null, null, null, null);
            TaskRecord skipped = new TaskRecord("d-old", T1, 1, 1, TaskStatus.SKIPPED, 0, null, null, List.of(), null, null,
                    "", null, null, null, null, null);

            assertThatThrownBy(() -> ResumeRefusal.requireNotSuperseded(plane, old, List.of(skipped), false))
                    .hasMessage("A resume of d-old would run tenants a deployment started after it has run since: " + later
                            + " (t1). It would record their state under d-old and report its old failures again. Check them"
                            + " with `flotilla status --fleet`, then run a new deployment: `flotilla deploy --all` (or"
                            + " --tenants/--group), which leaves the tenants already up to date out. Nothing was run or"
                            + " recorded (deploy d-old stays as it was).")
                    .satisfies(e -> {
                        assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE);
                        assertThat(((FlotillaException) e).advice().commands())
                                .containsExactly("flotilla status --fleet", "flotilla deploy --all");
                    });
        }
    }
}
