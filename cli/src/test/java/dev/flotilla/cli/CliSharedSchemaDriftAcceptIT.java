package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * drift --accept on a shared-schema fleet (one schema, one history table, a tenant_id column): the schema its tenants
 * share is what is accepted, so accepting one of them accepts it for every tenant on it, and drift compares them all
 * with it.
 */
class CliSharedSchemaDriftAcceptIT {
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    @TempDir
    Path temp;
    final String schema = "fls_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Map<String, String> env = Map.of("APP_DB_PASSWORD", "unused-" + UUID.randomUUID());

    @BeforeEach
    void setUp() throws Exception {
        SharedSchemaConfig.on(DATABASE.url()).schema(schema).user(TestDatabases.POSTGRES_USER).passwordEnv("APP_DB_PASSWORD")
                .writeIn(temp);
        TestDatabases.execute(DATABASE.server(), "CREATE SCHEMA " + schema);
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve("V1__events.sql"), "CREATE TABLE events (id int PRIMARY KEY,"
                + " tenant_id text NOT NULL);\nCREATE INDEX events_tenant ON events (tenant_id);\n");
        for (String tenant : List.of("acme", "globex", "initech")) {
            assertThat(flotilla("tenants", "add", tenant).exitCode()).isZero();
        }
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        TestDatabases.execute(DATABASE.server(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void accepting_one_tenant_of_the_shared_schema_accepts_it_for_every_tenant_sharing_it() throws Exception {
        TestDatabases.execute(DATABASE.server(), "CREATE INDEX hotfix ON " + schema + ".events (id, tenant_id)");
        JsonNode before = flotilla("drift", "--all", "--json").json();

        CliRun accept = flotilla("drift", "--accept", "--tenants", "globex");
        JsonNode accepted = flotilla("drift", "--all", "--json").json();
        JsonNode initech = flotilla("drift", "--tenants", "initech", "--json").json();
        Files.writeString(temp.resolve("migrations").resolve("V2__kind.sql"), "ALTER TABLE events ADD COLUMN kind text;\n");
        assertThat(flotilla("deploy", "--all", "--yes").exitCode()).isZero();
        TestDatabases.execute(DATABASE.server(), "CREATE INDEX after_hotfix ON " + schema + ".events (kind)");
        JsonNode migrated = flotilla("drift", "--all", "--json").json();

        assertThat(before.at("/data/tenants").findValuesAsText("status")).containsExactly("drifted", "drifted", "drifted");
        assertThat(accept.exitCode()).as(accept.out() + accept.err()).isZero();
        assertThat(accept.out()).contains("globex shares", "with acme, initech: its live schema is theirs, so it is accepted"
                + " for them too", "accepted acme", "accepted globex", "accepted initech");
        assertThat(accepted.at("/data/tenants").findValuesAsText("status")).as(accepted.toString())
                .containsExactly("clean", "clean", "clean");
        assertThat(accepted.at("/data/tenants").findValuesAsText("acceptance"))
                .allMatch(said -> said.startsWith("Compared with the live schema"));
        assertThat(initech.at("/data/tenants/0/status").asText()).as("one tenant of the schema checked alone").isEqualTo("clean");
        assertThat(migrated.at("/data/tenants").findValuesAsText("status")).as(migrated.toString())
                .containsExactly("drifted", "drifted", "drifted");
        assertThat(migrated.at("/data/tenants/0/diff").toString()).contains("after_hotfix").doesNotContain("index hotfix:");
    }

    @Test
    void a_tenant_added_to_the_shared_schema_after_the_acceptance_is_compared_with_it_when_checked_alone() throws Exception {
        TestDatabases.execute(DATABASE.server(), "CREATE INDEX hotfix ON " + schema + ".events (id, tenant_id)");
        assertThat(flotilla("drift", "--accept", "--tenants", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "hooli").exitCode()).isZero();

        JsonNode hooli = flotilla("drift", "--tenants", "hooli", "--json").json();

        assertThat(hooli.at("/data/tenants/0/status").asText()).as(hooli.toString()).isEqualTo("clean");
        assertThat(hooli.at("/data/tenants/0/acceptance").asText()).startsWith("Compared with the live schema");
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(env, temp.resolve("flotilla.yml"), args);
    }
}
