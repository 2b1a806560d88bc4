package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet's tenants end to end: added, listed by group and removed; discovered from existing schemas, imported from the
 * application's tenant table. In-process, against PostgreSQL schemas and an embedded control plane.
 */
class CliFleetTenantsIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void tenants_are_added_listed_by_group_and_removed_and_bad_ids_are_refused() {
        fleet.addTenants(3);

        JsonNode odd = fleet.run("tenants", "list", "--group", "odd", "--json").json();
        CliRun bad = fleet.run("tenants", "add", "t1;DROP TABLE x");
        CliRun duplicate = fleet.run("tenants", "add", "t01");
        CliRun removed = fleet.run("tenants", "remove", "t02");
        CliRun unknown = fleet.run("tenants", "remove", "t00", "nobody");
        CliRun twice = fleet.run("tenants", "remove", "t01", "t01", "--json");

        assertThat(odd.at("/data/tenants")).extracting(n -> n.get("id").asText()).containsExactly("t01");
        assertThat(odd.at("/data/tenants/0/target").asText()).contains(fleet.schema("t01"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid tenant id");
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).contains("already registered");
        assertThat(removed.exitCode()).isZero();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("TENANT_NOT_FOUND", "nobody", "nothing was removed").doesNotContain("t00");
        assertThat(twice.exitCode()).as(twice.err()).isZero();
        assertThat(twice.json().at("/data/removed")).extracting(JsonNode::asText).containsExactly("t01");
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants"))
                .extracting(n -> n.get("id").asText()).as("t00 stays: its removal was refused with nobody's").containsExactly("t00");
    }

    @Test
    void discover_registers_existing_schemas_and_import_reads_the_applications_tenant_table() throws Exception {
        fleet.sql("CREATE SCHEMA " + fleet.schema("acme"));
        fleet.sql("CREATE SCHEMA " + fleet.schema("globex"));
        fleet.sql("CREATE SCHEMA " + fleet.prefix + "_core");
        fleet.sql("CREATE TABLE " + fleet.prefix + "_core.companies (code VARCHAR(20), name VARCHAR(50), active INT)");
        fleet.sql("INSERT INTO " + fleet.prefix + "_core.companies VALUES ('initech', 'Initech', 1), ('umbrella', 'Umbrella', 0)");

        CliRun discover = fleet.run("tenants", "discover", "--json");
        CliRun again = fleet.run("tenants", "discover", "--json");
        CliRun imported = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT code, name FROM " + fleet.prefix + "_core.companies WHERE active = 1", "--group", "imported");
        CliRun badImport = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT 'bad id!' UNION ALL SELECT 'fine'");

        assertThat(discover.exitCode()).as(discover.err()).isZero();
        assertThat(discover.json().at("/data/added")).extracting(JsonNode::asText).containsExactly("acme", "core", "globex");
        assertThat(again.json().at("/data/added")).isEmpty();
        assertThat(again.json().at("/data/alreadyRegistered")).extracting(JsonNode::asText).containsExactly("acme", "core", "globex");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode list = fleet.run("tenants", "list", "--group", "imported", "--json").json();
        assertThat(list.at("/data/tenants")).extracting(n -> n.get("id").asText() + "/" + n.get("name").asText())
                .containsExactly("initech/Initech");
        assertThat(badImport.exitCode()).isEqualTo(2);
        assertThat(badImport.err()).contains("nothing was imported", "bad id!");
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants")).hasSize(4);

        // Without --url: the tenancy's database, where the schemas are.
        CliRun tooLong = fleet.run("tenants", "import", "--query",
                "SELECT 'hooli', 'Hooli' UNION ALL SELECT 'massive', repeat('M', 201)");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err()).contains("nothing was imported", "row 2: 'massive' (a name of 201 characters)");
        assertThat(fleet.run("tenants", "list", "--json").json().at("/data/tenants")).hasSize(4);

        CliRun twice = fleet.run("tenants", "import", "--url", FleetSetup.POSTGRES, "--query",
                "SELECT 'hooli', 'Hooli' UNION ALL SELECT 'hooli', 'Hooli XYZ' UNION ALL SELECT 'acme', 'Acme'", "--json");
        assertThat(twice.exitCode()).as(twice.err()).isZero();
        assertThat(twice.err()).contains("tenant hooli is in 2 rows of the query (names 'Hooli', 'Hooli XYZ'): the first is taken");
        assertThat(twice.json().at("/data/added").asInt()).isEqualTo(1);
        assertThat(twice.json().at("/data/alreadyRegistered").asInt()).isEqualTo(1);
        assertThat(twice.json().at("/data/repeated").asInt()).isEqualTo(1);
    }

    @Test
    void discover_with_a_bare_tenant_template_leaves_out_postgresqls_own_schemas_and_public() throws Exception {
        // A database of its own: a template of {tenant} alone matches every schema on the server.
        String database = fleet.prefix + "_bare";
        fleet.sql("CREATE DATABASE " + database);
        try {
            TargetSpec bare = TestDatabases.postgresIn(database, null);
            TestDatabases.execute(bare, "CREATE SCHEMA acme", "CREATE SCHEMA globex");
            Path config = fleet.folder.resolve("bare/flotilla.yml");
            Files.createDirectories(config.getParent());
            Files.writeString(config, """
                    migrations: migrations
                    tenancy:
                      model: schema-per-tenant
                      url: %s
                      schemaTemplate: "{tenant}"
                      user: %s
                    """.formatted(bare.url(), bare.user()));

            CliRun discover = CliRun.of("tenants", "discover", "--json", "--config", config.toString());
            CliRun text = CliRun.of("tenants", "discover", "--dry-run", "--config", config.toString());

            assertThat(discover.exitCode()).as(discover.err()).isZero();
            assertThat(discover.json().at("/data/added")).extracting(JsonNode::asText).containsExactly("acme", "globex");
            assertThat(discover.json().at("/data/ignored")).extracting(JsonNode::asText)
                    .singleElement().asString().startsWith("public: every database's default schema").contains("--schema public");
            assertThat(text.err()).contains("ignored public").doesNotContain("pg_catalog", "information_schema", "pg_toast");
        } finally {
            fleet.sql("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }
}
