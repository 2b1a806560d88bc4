package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log of a PostgreSQL control plane, as the console's deployment page reads it every 400 ms per viewer. */
class AuditLogPostgresIT {
    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();

    @Test
    void a_deployments_entries_are_found_by_their_index_not_by_reading_the_whole_log() {
        try (ControlPlane plane = ControlPlane.open(database.url(), TestDatabases.POSTGRES_USER, null)) {
            plane.audit().record("ops", "deploy.resumed", null, "d-0042", "resumed");
            List<String> plan = plane.write("reading the plan", c -> {
                // 50,000 entries of 5,000 deployments: a log a plane reaches in a few months.
                Jdbc.execute(c, "INSERT INTO audit_log (happened_at, actor, action, deployment_id, details)"
                        + " SELECT CURRENT_TIMESTAMP, 'ops', 'deploy.started', 'd-' || (i % 5000), 'x'"
                        + " FROM generate_series(1, 50000) AS i");
                Jdbc.execute(c, "ANALYZE audit_log");
                // The query of AuditLog.ofDeployment, as the page sends it.
                return Jdbc.queryStrings(c, "EXPLAIN SELECT id, happened_at, actor, action, tenant_id, deployment_id, details,"
                        + " outcome, source_ip FROM audit_log WHERE deployment_id = ? AND action IN (?, ?) ORDER BY id",
                        "d-0042", "deploy.resumed", "deploy.retry-failed");
            });
            assertThat(String.join("\n", plan)).contains("idx_audit_log_deployment").doesNotContain("Seq Scan");
            assertThat(plane.audit().ofDeployment("d-0042", List.of("deploy.resumed", "deploy.retry-failed")))
                    .extracting(AuditLog.Entry::details).containsExactly("resumed");
        }
    }
}
