package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TargetUnderTest;
import java.sql.SQLException;
import java.util.List;

/**
 * What the dry-run contracts share: the schema they start from, the target (each database's {@code *IT}, through
 * {@link DryRunContract}, supplies it), and what they read of it before and after a dry run.
 */
interface DryRunFixture extends TargetUnderTest {
    String BASE = """
            CREATE TABLE job_tickets (id INTEGER PRIMARY KEY, ticket_code VARCHAR(40) NOT NULL, seq INTEGER NOT NULL,
                                      spawned INTEGER DEFAULT 0 NOT NULL);
            INSERT INTO job_tickets (id, ticket_code, seq, spawned) VALUES (1, 'T-1', 1, 0);
            INSERT INTO job_tickets (id, ticket_code, seq, spawned) VALUES (2, 'T-2', 1, 0);
            """;

    record TargetState(String fingerprint, List<String> canonical, List<AppliedMigration> history) {
    }

    default TargetState state() throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            SchemaSnapshot snapshot = SnapshotReader.of(session);
            return new TargetState(snapshot.fingerprint(), snapshot.canonicalLines(), session.history().read());
        }
    }

    default List<String> lower(List<String> names) {
        return names.stream().map(String::toLowerCase).toList();
    }
}
