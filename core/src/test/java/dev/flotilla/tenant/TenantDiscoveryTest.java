package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantDiscoveryTest {
    @Test
    void a_bare_template_on_an_embedded_database_finds_its_schemas_but_not_the_catalog_nor_public() throws Exception {
        String url = "jdbc:h2:mem:discovery" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "CREATE SCHEMA \"acme\"");
            Jdbc.execute(c, "CREATE SCHEMA \"globex\"");
            Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, url, null, "{tenant}", "sa", null, null);

            TenantDiscovery.Found found = new TenantDiscovery(tenancy).discover(null, null);

            assertThat(found.ids()).extracting(TenantId::value).containsExactly("acme", "globex");
            assertThat(found.ignored()).singleElement().asString().startsWith("PUBLIC: every database's default schema");
            Jdbc.execute(c, "SHUTDOWN");
        }
    }

    @Test
    void the_servers_own_databases_and_schemas_are_never_tenants_and_the_default_ones_are_left_out_with_a_word() {
        String postgres = "jdbc:postgresql://db:5432/app";
        String mariadb = "jdbc:mariadb://db:3306/";
        for (String own : new String[] {"pg_catalog", "pg_toast", "pg_temp_3", "pg_toast_temp_3", "information_schema"}) {
            assertThat(TenantDiscovery.notATenant(postgres, false, own)).as(own).isEmpty();
        }
        for (String own : new String[] {"information_schema", "mysql", "performance_schema", "sys", "SYS"}) {
            assertThat(TenantDiscovery.notATenant(mariadb, false, own)).as(own).isEmpty();
        }
        assertThat(TenantDiscovery.notATenant(postgres, false, "public")).contains("default schema", "tenants add public --schema public");
        assertThat(TenantDiscovery.notATenant(postgres, true, "postgres")).contains("default database", "tenants add postgres --url");
        assertThat(TenantDiscovery.notATenant(postgres, true, "public")).as("a database may be called public").isNull();
        assertThat(TenantDiscovery.notATenant(postgres, false, "postgres")).as("a schema may be called postgres").isNull();
        assertThat(TenantDiscovery.notATenant(mariadb, false, "public")).isNull();
        assertThat(TenantDiscovery.notATenant(mariadb, false, "pg_acme")).isNull();
        assertThat(TenantDiscovery.notATenant(postgres, false, "acme")).isNull();
    }

    @Test
    void a_refusal_naming_the_url_template_masks_the_password_written_in_it() {
        String secret = "TplS3cretXyz";
        Tenancy files = new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:h2:file:/srv/t/{tenant};PASSWORD=" + secret,
                null, "sa", null, null);
        Tenancy other = new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:oracle:thin:{tenant}?password=" + secret,
                null, "sa", null, null);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new TenantDiscovery(files).discover("jdbc:h2:mem:x", null)))
                .hasMessageContaining("leave --url out").hasMessageContaining("PASSWORD=****").hasMessageNotContaining(secret);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new TenantDiscovery(other).discover(null, null)))
                .hasMessageContaining("is not supported yet").hasMessageContaining("password=****").hasMessageNotContaining(secret);
    }
}
