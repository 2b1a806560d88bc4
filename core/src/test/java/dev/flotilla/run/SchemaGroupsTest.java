package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaGroupsTest {
    private static TenantTarget target(String id, String url, String schema) {
        return new TenantTarget(new Tenant(TenantId.of(id), null, null, null, List.of()),
                new TargetSpec(url, "app", null, schema, "tenant_migrations"));
    }

    @Test
    void groups_mariadb_databases_by_server_with_a_connection_to_the_server_itself() {
        TenantTarget a = target("a", "jdbc:mariadb://db1:3306/bgerp_t_a?sslMode=trust", null);
        TenantTarget b = target("b", "jdbc:mariadb://db1:3306/bgerp_t_b?sslMode=trust", null);
        TenantTarget other = target("c", "jdbc:mariadb://db2:3306/bgerp_t_c", null);
        TenantTarget named = target("d", "jdbc:mariadb://db1:3306/", "bgerp_t_d");
        TenantTarget noDatabase = target("e", "jdbc:mariadb://db1:3306", null);

        SchemaGroups groups = SchemaGroups.withDatabases(List.of(a, b, other, named, noDatabase));

        assertThat(groups.groups).hasSize(3);
        SchemaGroups.Group db1 = groups.groups.get(0);
        assertThat(db1.server().url()).isEqualTo("jdbc:mariadb://db1:3306/?sslMode=trust");
        assertThat(db1.server().schema()).isNull();
        assertThat(db1.databasesInUrl()).isTrue();
        assertThat(db1.targets()).containsExactly(a, b);
        assertThat(db1.schemas()).containsExactly("bgerp_t_a", "bgerp_t_b");
        assertThat(groups.groups.get(1).targets()).containsExactly(other);
        assertThat(groups.groups.get(2).databasesInUrl()).as("named as schema: a missing one is merely empty").isFalse();
        assertThat(groups.groups.get(2).schemas()).containsExactly("bgerp_t_d");
        assertThat(groups.alone).containsExactly(noDatabase);
    }

    @Test
    void groups_postgres_schemas_by_database_and_mariadb_only_when_asked() {
        TenantTarget a = target("a", "jdbc:postgresql://pg:5432/app", "t_a");
        TenantTarget b = target("b", "jdbc:postgresql://pg:5432/app", "t_b");
        TenantTarget maria = target("m", "jdbc:mariadb://db1:3306/bgerp_t_m", null);
        TenantTarget sqlite = target("s", "jdbc:sqlite:/tmp/s.db", null);

        SchemaGroups groups = SchemaGroups.of(List.of(a, b, maria, sqlite));

        assertThat(groups.groups).singleElement().satisfies(g -> {
            // The database, not the first tenant's schema: what fails to connect is told for all of them alike.
            assertThat(g.server().url()).isEqualTo(a.target().url());
            assertThat(g.server().schema()).isNull();
            assertThat(g.server().displayName()).doesNotContain("t_a");
            assertThat(g.schemas()).containsExactly("t_a", "t_b");
        });
        assertThat(groups.alone).containsExactly(maria, sqlite);
    }
}
