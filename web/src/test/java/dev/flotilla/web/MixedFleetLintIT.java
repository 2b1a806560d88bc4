package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mixed fleet (a PostgreSQL tenant and a MariaDB tenant, as `tenants add --url` registers them): the wizard's files
 * and the API's migrations lint each file in both dialects, as `flotilla lint` does, each finding naming its dialects.
 * Nothing connects to the tenants: lint reads files only.
 */
class MixedFleetLintIT extends ConsoleOverHttp {
    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            for (TenantRecord demoTenant : fleet.plane().tenants().all()) {
                fleet.plane().tenants().remove(demoTenant.tenant().id());
            }
            fleet.plane().tenants().add(new Tenant(TenantId.of("pg1"), "PG", "jdbc:postgresql://127.0.0.1:5432/test", null, List.of()));
            // Its own user (the URL's wins), for the console's look for scratch databases at start: lint itself connects nowhere.
            fleet.plane().tenants().add(new Tenant(TenantId.of("maria1"), "Maria", "jdbc:mariadb://127.0.0.1:3306/test?user=root",
                    null, List.of()));
            try {
                Files.writeString(fleet.template().migrations().resolve("V4__serial_index.sql"),
                        "CREATE INDEX CONCURRENTLY serials_number ON serials (number);\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Tenancy t = fleet.tenancy();
            return new ConsoleFleet(fleet.plane(), new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:postgresql://127.0.0.1:5432/test",
                    null, "{tenant}", "postgres", null, t.historyTable(), t.home()), fleet.template(), fleet.deploy(), fleet.dryRun());
        });
    }

    @Test
    void the_files_page_shows_the_mariadb_error_of_a_postgresql_only_form_with_its_dialect() throws Exception {
        String page = get("/wizard/files", null, adminSession()).body();

        String row = page.substring(page.indexOf("data-file=\"V4__serial_index.sql\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("[unsupported-syntax]", "(mariadb)", "CONCURRENTLY");
    }

    @Test
    void the_api_gives_each_finding_its_dialects() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        JsonNode files = json(get("/api/v1/migrations", token)).path("files");

        JsonNode v4 = null;
        for (JsonNode file : files) {
            if (file.path("script").asText().equals("V4__serial_index.sql")) {
                v4 = file;
            }
        }
        assertThat(v4).as("V4 listed").isNotNull();
        JsonNode unsupported = null;
        for (JsonNode finding : v4.path("findings")) {
            if (finding.path("rule").asText().equals("unsupported-syntax")) {
                unsupported = finding;
            }
        }
        assertThat(unsupported).as("the MariaDB error: " + v4).isNotNull();
        assertThat(unsupported.path("severity").asText()).isEqualToIgnoringCase("error");
        assertThat(unsupported.path("dialects")).extracting(JsonNode::asText).containsExactly("mariadb");
    }
}
