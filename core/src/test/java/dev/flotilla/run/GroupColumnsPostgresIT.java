package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.CatalogTable;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.SchemaTables;
import dev.flotilla.sql.TableRead;
import dev.flotilla.testing.TestDatabases;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A group's schemas' tables are read for all of them at once, with the keys a foreign key may reference: one catalog
 * query, not one a tenant.
 */
class GroupColumnsPostgresIT {
    private final String prefix = TestDatabases.uniqueName();
    private final List<String> schemas = List.of(prefix + "_a", prefix + "_b", prefix + "_c");

    @AfterEach
    void drop() throws Exception {
        try (Connection c = TestDatabases.connect(TestDatabases.postgres(schemas.get(0)))) {
            for (String schema : schemas) {
                Jdbc.execute(c, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }

    @Test
    void the_tenants_of_a_group_cost_one_catalog_query_until_one_names_a_table_not_asked_for() throws Exception {
        try (Connection c = TestDatabases.connect(TestDatabases.postgres(schemas.get(0)))) {
            for (String schema : schemas) {
                Jdbc.execute(c, "CREATE SCHEMA \"" + schema + "\"");
            }
            Jdbc.execute(c, "CREATE TABLE \"" + schemas.get(0) + "\".companies (id BIGINT PRIMARY KEY, name TEXT UNIQUE,"
                    + " code TEXT, UNIQUE (code) DEFERRABLE)");
            Jdbc.execute(c, "CREATE UNIQUE INDEX ON \"" + schemas.get(0) + "\".companies (lower(code))");
            Jdbc.execute(c, "CREATE TABLE \"" + schemas.get(1) + "\".companies (id UUID PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE \"" + schemas.get(0) + "\".branches (id CHAR(36) PRIMARY KEY)");
            AtomicInteger queries = new AtomicInteger();
            Connection counted = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare")) {
                            queries.incrementAndGet();
                        }
                        return method.invoke(c, args);
                    });
            GroupColumns columns = new GroupColumns(Dialect.forUrl(TestDatabases.POSTGRES_URL), counted, schemas);

            CatalogTable companies = of(columns, schemas.get(0), Set.of("companies")).tables().get("companies");
            assertThat(companies.types()).containsEntry("id", "bigint").containsEntry("name", "text");
            assertThat(companies.primaryKey()).containsExactly("id");
            assertThat(companies.uniqueKeys()).containsExactlyInAnyOrder(List.of("id"), List.of("name"));
            assertThat(of(columns, schemas.get(1), Set.of("companies")).tables().get("companies").types()).containsOnlyKeys("id")
                    .containsEntry("id", "uuid");
            assertThat(of(columns, schemas.get(2), Set.of("companies")).tables()).isEmpty();
            assertThat(queries).as("one query for the three schemas").hasValue(1);

            assertThat(of(columns, schemas.get(0), Set.of("companies", "branches")).tables().get("branches").types())
                    .containsEntry("id", "character(36)");
            assertThat(of(columns, schemas.get(1), Set.of("branches")).tables()).doesNotContainKey("branches");
            assertThat(queries).as("read again, for them all, once a table was not asked for yet").hasValue(2);

            assertThat(columns.of(schemas.get(0), Set.of(schemas.get(1)), TableRead.all(Set.of("companies"))).get(schemas.get(1)).tables()
                    .get("companies").types()).containsEntry("id", "uuid");
            assertThat(queries).as("a schema of the group named by another's statements: read already").hasValue(2);
        }
    }

    private static SchemaTables of(GroupColumns columns, String schema, Set<String> tables) throws Exception {
        return columns.of(schema, Set.of(), TableRead.all(tables)).get(schema);
    }
}
