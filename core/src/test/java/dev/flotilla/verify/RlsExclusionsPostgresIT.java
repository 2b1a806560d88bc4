package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenancy.GeneratedMigration;
import dev.flotilla.tenancy.RlsRequest;
import dev.flotilla.tenancy.RowLevelSecurity;
import dev.flotilla.testing.TestDatabases;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, where {@code "Orders"} and {@code orders} are two tables, the checks' row-level-security rule and the
 * migration {@code tenancy rls} writes read an excluded name by one rule: a name quoted whole keeps its case, one
 * written plainly names a table whatever its case.
 */
class RlsExclusionsPostgresIT {
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);

    @AfterEach
    void drop() {
        TestDatabases.drop(target);
    }

    @Test
    void a_quoted_excluded_name_keeps_its_case_in_the_checks_and_in_the_migration_alike() throws Exception {
        TestDatabases.execute(target, "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".\"Orders\" (id int PRIMARY KEY, tenant_id text NOT NULL)",
                "CREATE TABLE " + schema + ".orders (id int PRIMARY KEY, tenant_id text NOT NULL)",
                "CREATE TABLE " + schema + ".notes (id int PRIMARY KEY, tenant_id text NOT NULL)");
        SchemaSnapshot snapshot = TestDatabases.snapshot(target);

        for (String excluded : Set.of("\"Orders\"", "`Orders`")) {
            VerifyOptions.RlsRule rule = new VerifyOptions.RlsRule(null, null, null, Set.of(excluded));
            assertThat(rule.tenantTables(snapshot)).as(excluded).extracting(SchemaSnapshot.Table::name)
                    .containsExactlyInAnyOrder("notes", "orders");
            assertThat(migrated(RlsRequest.defaults().configuredExcluding(rule.exclude())).tables()).as(excluded)
                    .containsExactlyInAnyOrder("notes", "orders");
            assertThat(migrated(RlsRequest.defaults().excluding(Set.of(excluded))).tables()).as(excluded)
                    .containsExactlyInAnyOrder("notes", "orders");
        }
        VerifyOptions.RlsRule plain = new VerifyOptions.RlsRule(null, null, null, Set.of("ORDERS"));
        assertThat(plain.tenantTables(snapshot)).extracting(SchemaSnapshot.Table::name).containsExactly("notes");
        assertThat(migrated(RlsRequest.defaults().configuredExcluding(plain.exclude())).tables()).containsExactly("notes");
    }

    private GeneratedMigration migrated(RlsRequest request) throws Exception {
        try (TargetSession session = TargetSession.open(target, false)) {
            return RowLevelSecurity.generate(session, request);
        }
    }
}
