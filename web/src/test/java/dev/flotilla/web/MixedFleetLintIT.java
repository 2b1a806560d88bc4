package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantCredentials;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mixed fleet (a PostgreSQL tenant and a MariaDB tenant, as `tenants add --url` registers them): the wizard's files
 * and the API's migrations lint each file in both dialects, as `flotilla lint` does, each finding naming its dialects.
 * Nothing connects to the tenants: lint reads files only, and no tenant's password.
 */
class MixedFleetLintIT extends ConsoleOverHttp {
    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            for (TenantRecord demoTenant : fleet.plane().tenants().all()) {
                fleet.plane().tenants().remove(demoTenant.tenant().id());
            }
            fleet.plane().tenants().add(new Tenant(TenantId.of("pg1"), "PG", TestDatabases.POSTGRES_URL, null, List.of()));
            // Its own user (the URL's wins), for the console's look for scratch databases at start: lint itself connects nowhere.
            fleet.plane().tenants().add(new Tenant(TenantId.of("maria1"), "Maria",
                    TestDatabases.withParameter(TestDatabases.MARIADB_URL, "user=" + TestDatabases.MARIADB_USER), null, List.of()));
            try {
                Files.writeString(fleet.template().migrations().resolve("V4__serial_index.sql"),
                        "CREATE INDEX CONCURRENTLY serials_number ON serials (number);\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Tenancy t = fleet.tenancy();
            return new ConsoleFleet(fleet.plane(), new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL,
                    null, "{tenant}", TestDatabases.POSTGRES_USER, null, t.historyTable(), t.home()), fleet.template(), fleet.deploy(),
                    fleet.dryRun());
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
    void the_files_follow_the_tenants_registered_and_removed_since_without_reading_a_tenants_password_file() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        Files.writeString(demo.fleet.template().migrations().resolve("V5__drop_notes.sql"), "DROP TABLE notes;\n");
        demo.fleet.plane().tenants().remove(TenantId.of("pg1"));
        demo.fleet.plane().tenants().remove(TenantId.of("maria1"));
        demo.fleet.plane().tenants().add(new Tenant(TenantId.of("on_tenancy"), "On the tenancy's server", null, null, List.of()));
        JsonNode postgresOnly = files(token);
        // Its own login's password is in a FIFO no one writes to: reading it would wait for ever.
        Path fifo = folder.resolve("maria2.pw");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        demo.fleet.plane().tenants().add(new Tenant(TenantId.of("maria2"), "Maria", TestDatabases.MARIADB_URL, null,
                List.of(), new TenantCredentials(TestDatabases.MARIADB_USER, null, fifo.toString())));
        try {
            JsonNode mixed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> files(token));

            assertThat(dialects(postgresOnly, "V5__drop_notes.sql", "drop-table")).containsExactly("postgresql");
            assertThat(dialects(postgresOnly, "V4__serial_index.sql", "unsupported-syntax")).as("no MariaDB tenant left").isEmpty();
            assertThat(dialects(mixed, "V5__drop_notes.sql", "drop-table")).containsExactly("mariadb", "postgresql");
            assertThat(dialects(mixed, "V4__serial_index.sql", "unsupported-syntax")).containsExactly("mariadb");
        } finally {
            releaseReaders(fifo);
        }
    }

    @Test
    void a_finding_in_a_file_a_tenant_has_applied_says_to_leave_the_file_be_and_one_in_a_new_file_keeps_its_advice()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        Files.writeString(demo.fleet.template().migrations().resolve("V5__drop_notes.sql"), "DROP TABLE notes;\n");
        Files.writeString(demo.fleet.template().migrations().resolve("V6__drop_tags.sql"), "DROP TABLE tags;\n");
        dev.flotilla.run.PlanRecords.record(demo.fleet.plane(), List.of(new dev.flotilla.plan.TenantPlan(TenantId.of("pg1"),
                "pg1", "5", List.of("6"), List.of(), null, null, null)), demo.fleet.plane().tenants().all());

        JsonNode files = files(token);

        assertThat(message(files, "V5__drop_notes.sql", "drop-table")).contains("V5__drop_notes.sql already ran on 1 of 2"
                + " registered tenant(s), as the control plane last learned: editing it, or adding a"
                + " `-- flotilla:lint-disable` line to it, changes its checksum", "CHECKSUM_MISMATCH")
                .doesNotContain("Make sure no deployed code");
        assertThat(message(files, "V6__drop_tags.sql", "drop-table")).contains("Make sure no deployed code still reads it")
                .doesNotContain("already ran");
    }

    /** The message of the file's finding of this rule. */
    private static String message(JsonNode files, String script, String rule) {
        for (JsonNode file : files) {
            for (JsonNode finding : file.path("findings")) {
                if (file.path("script").asText().equals(script) && finding.path("rule").asText().equals(rule)) {
                    return finding.path("message").asText();
                }
            }
        }
        throw new AssertionError("no " + rule + " finding in " + script + ": " + files);
    }

    private JsonNode files(String token) throws Exception {
        return json(get("/api/v1/migrations", token)).path("files");
    }

    /** The dialects of the file's finding of this rule, none without one. */
    private static List<String> dialects(JsonNode files, String script, String rule) {
        for (JsonNode file : files) {
            for (JsonNode finding : file.path("findings")) {
                if (file.path("script").asText().equals(script) && finding.path("rule").asText().equals(rule)) {
                    return java.util.stream.StreamSupport.stream(finding.path("dialects").spliterator(), false)
                            .map(JsonNode::asText).toList();
                }
            }
        }
        return List.of();
    }

    /** Lets a reader waiting on the FIFO go (it reads it empty): opened to read and write, it waits for no one itself. */
    private static void releaseReaders(Path fifo) throws java.io.IOException {
        try (var writer = java.nio.channels.FileChannel.open(fifo, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            // Opened as a writer, closed: a reader blocked in opening it reads an end of file.
        }
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
