package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentOutcomeTest {
    private static final DeploymentRecord DEPLOYMENT = new DeploymentRecord("d-12", DeploymentStatus.FAILED, Instant.EPOCH,
            null, "ops", "host", null, 2, 1, 1, 0, 0, "deploy", null, null, null, null);

    private static TaskRecord task(String tenant, TaskStatus status, String error) {
        return new TaskRecord("d-12", TenantId.of(tenant), 1, 1, status, 1, Instant.EPOCH, Instant.EPOCH, List.of("1"),
                error == null ? null : ErrorCode.SQL_ERROR, error, "", null, null, error == null ? null : "2", null, null);
    }

    @Test
    void a_tenant_failed_earlier_names_the_retry_of_its_deployment_and_the_commands_its_recorded_error_names() {
        String recorded = "V2__tags.sql failed at statement 2 of 2: undo the applied part by hand and run `flotilla repair"
                + " --tenants m07 --rerun-from-start`.";

        List<TaskResult> results = DeploymentOutcome.failedEarlier(DEPLOYMENT, List.of(task("m07", TaskStatus.FAILED,
                recorded), task("m08", TaskStatus.SUCCEEDED, null)), Map.of());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.tenant()).isEqualTo(TenantId.of("m07"));
            assertThat(r.code()).isEqualTo(ErrorCode.SQL_ERROR);
            assertThat(r.error()).as("the text as before").isEqualTo("failed in an earlier attempt of this deploy, not tried"
                    + " again (`flotilla deploy --retry-failed d-12` does): " + recorded);
            assertThat(r.commands()).containsExactly("flotilla deploy --retry-failed d-12",
                    "flotilla repair --tenants m07 --rerun-from-start");
        });
    }
}
