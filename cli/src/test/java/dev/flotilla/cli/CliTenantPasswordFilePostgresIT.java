package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema-per-tenant on PostgreSQL, a tenant with a role of its own whose password is in a file ({@code --password-file}),
 * the tenancy's role unable to log in: deploy and {@code status --fleet --live} are made as the tenant's role; the file
 * gone, or a {@code user=} put in the tenancy's URL afterwards, fails the tenant with BAD_CONFIG before it connects;
 * {@code tenants list} never reads the file. The server here
 * trusts 127.0.0.1 (it checks no password): a wrong password in a file is CliTenantPasswordFileMariaDbIT's.
 */
class CliTenantPasswordFilePostgresIT {
    private static final String ACME_PASSWORD = "AcmeFileS3cret-" + UUID.randomUUID();

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");
    final String roles = "flp_l_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config)
                .replace("user: " + FleetSetup.USER + "\n  passwordEnv: TENANT_DB_PASSWORD",
                "user: " + nobody()));
        fleet.sql("CREATE ROLE " + nobody() + " NOLOGIN");
        fleet.sql("CREATE ROLE " + acme() + " LOGIN PASSWORD '" + ACME_PASSWORD + "'");
        fleet.sql("GRANT CREATE ON DATABASE " + TestDatabases.postgresDatabase() + " TO " + acme());
        passwordFile = Files.writeString(fleet.folder.resolve("acme.pw"), ACME_PASSWORD + "\n");
        CliRun add = flotilla("tenants", "add", "acme", "--user", acme(), "--password-file", "acme.pw");
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.dropSchemas();
        for (String role : List.of(acme(), nobody())) {
            fleet.sql("DROP OWNED BY " + role);
            fleet.sql("DROP ROLE " + role);
        }
    }

    private String acme() {
        return roles + "_acme";
    }

    private String nobody() {
        return roles + "_nobody";
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), fleet.config, args);
    }

    @Test
    void deploy_and_live_status_log_in_as_the_tenants_role_with_the_password_from_its_file() throws Exception {
        CliRun deploy = flotilla("deploy", "--tenants", "acme", "--yes", "--json");
        CliRun live = flotilla("status", "--fleet", "--live", "--tenants", "acme", "--json");
        CliRun listed = flotilla("tenants", "list", "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.json().at("/data/tenants/0/applied")).hasSize(2);
        assertThat(live.exitCode()).as(live.out() + live.err()).isZero();
        assertThat(live.json().at("/data/tenants/0/currentVersion").asText()).isEqualTo("2");
        assertThat(live.json().at("/data/tenants/0/status").asText()).isEqualTo("up-to-date");
        assertThat(listed.json().at("/data/tenants/0/passwordFile").asText()).isEqualTo(passwordFile.toString());
        fleet.sql("DO $$ BEGIN IF (SELECT schema_owner FROM information_schema.schemata WHERE schema_name = '"
                + fleet.schema("acme") + "') <> '" + acme() + "' THEN RAISE 'not created by the tenant''s role'; END IF; END $$");
        for (CliRun run : List.of(deploy, live, listed)) {
            assertThat(run.out() + run.err()).doesNotContain(ACME_PASSWORD);
        }
    }

    @Test
    void the_file_gone_fails_the_tenant_with_bad_config_naming_it_and_the_file_never_the_password() throws Exception {
        assertThat(flotilla("deploy", "--tenants", "acme", "--yes").exitCode()).isZero();
        Files.delete(passwordFile);
        fleet.migration("V3__labels.sql", "CREATE TABLE labels (id INT PRIMARY KEY);\n");

        CliRun live = flotilla("status", "--fleet", "--live", "--json");

        assertThat(live.out() + live.err()).doesNotContain(ACME_PASSWORD);
        assertThat(live.exitCode()).as(live.out() + live.err()).isEqualTo(2);
        JsonNode error = live.json().at("/errors/0");
        assertThat(error.get("code").asText()).isEqualTo("BAD_CONFIG");
        assertThat(error.get("tenant").asText()).isEqualTo("acme");
        assertThat(error.get("message").asText()).contains("Cannot read the password file " + passwordFile + " of tenant acme",
                "tenants set-credentials acme");
    }

    @Test
    void a_user_put_in_the_tenancys_url_afterwards_fails_that_tenant_naming_both_users_until_its_login_is_cleared()
            throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("url: " + FleetSetup.POSTGRES,
                "url: " + TestDatabases.withParameter(FleetSetup.POSTGRES, "user=" + FleetSetup.USER)));

        CliRun refused = flotilla("deploy", "--tenants", "acme", "--yes", "--json");
        List<String> afterRefusal = fleet.applied("acme");
        CliRun cleared = flotilla("tenants", "set-credentials", "acme", "--clear");
        CliRun asTheUrlsUser = flotilla("deploy", "--tenants", "acme", "--yes", "--json");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        JsonNode error = refused.json().at("/errors/0");
        assertThat(error.get("code").asText()).isEqualTo("BAD_CONFIG");
        assertThat(error.get("tenant").asText()).isEqualTo("acme");
        assertThat(error.get("message").asText()).contains("Tenant acme logs in as its own user " + acme(),
                "tenancy.url has user=" + FleetSetup.USER, "`flotilla tenants set-credentials acme --clear`");
        assertThat(afterRefusal).as("nothing applied as another user").isEmpty();
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(asTheUrlsUser.exitCode()).as(asTheUrlsUser.out() + asTheUrlsUser.err()).isZero();
        assertThat(fleet.applied("acme")).containsExactly("1", "2");
        assertThat(refused.out() + refused.err()).doesNotContain(ACME_PASSWORD);
    }

    @Test
    void tenants_list_shows_the_target_of_a_tenant_whose_password_file_is_gone_or_unreadable_without_reading_it()
            throws Exception {
        Files.delete(passwordFile);
        CliRun gone = flotilla("tenants", "list", "--json");
        // A FIFO no one writes to: reading it would wait for ever.
        assertThat(new ProcessBuilder("mkfifo", passwordFile.toString()).start().waitFor()).isZero();
        try {
            CliRun listed = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> flotilla("tenants", "list"));

            assertThat(gone.exitCode()).as(gone.out() + gone.err()).isZero();
            assertThat(gone.json().at("/data/tenants/0/target").asText()).endsWith("(schema " + fleet.schema("acme") + ")");
            assertThat(listed.exitCode()).as(listed.out() + listed.err()).isZero();
            assertThat(listed.out()).contains("acme", "(schema " + fleet.schema("acme") + ")");
        } finally {
            Files.delete(passwordFile);
        }
    }
}
