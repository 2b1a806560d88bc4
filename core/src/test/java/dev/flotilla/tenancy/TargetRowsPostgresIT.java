package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.ReferencedTable;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class TargetRowsPostgresIT {
    @Test
    void rows_whose_parent_in_another_schemas_dotted_table_has_another_tenant_are_counted() throws Exception {
        TargetSpec target = TestDatabases.postgres(TestDatabases.uniqueName());
        TargetSpec other = TestDatabases.postgres(TestDatabases.uniqueName());
        String parent = "\"" + other.schema() + "\".\"a.b\"";
        TestDatabases.execute(other, "CREATE SCHEMA \"" + other.schema() + "\"", "CREATE TABLE " + parent
                + " (id int PRIMARY KEY, tenant_id text NOT NULL)", "INSERT INTO " + parent + " VALUES (1, 'acme'), (2, 'caps')");
        try (TargetSession session = TargetSession.open(target, true)) {
            Jdbc.execute(session.connection(), "CREATE TABLE lines (id int PRIMARY KEY, ab_id int REFERENCES " + parent + " (id))");
            Jdbc.execute(session.connection(), "INSERT INTO lines VALUES (1, 1), (2, 2), (3, NULL)");
            SchemaSnapshot snapshot = SnapshotReader.of(session);
            ForeignKey fk = snapshot.table("lines").orElseThrow().foreignKeys().get(0);

            long crossing = new TargetRows(session.connection(), session.dialect()).referencingOtherTenants("lines", fk,
                    ReferencedTable.of(snapshot, fk), "tenant_id", "'caps'");

            assertThat(crossing).isEqualTo(1);
        } finally {
            TestDatabases.drop(target);
            TestDatabases.drop(other);
        }
    }
}
