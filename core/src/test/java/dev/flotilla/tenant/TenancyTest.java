package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenancyTest {
    @TempDir
    Path home;

    private Tenancy tenancy() {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:h2:file:" + home + "/t_{tenant}", null, "sa", null, null, home);
    }

    private static Tenant tenant(String url) {
        return new Tenant(TenantId.of("acme"), null, url, null, List.of());
    }

    @Test
    void an_h2_file_stored_relative_by_an_earlier_version_is_read_in_the_folder_of_flotilla_yml_and_never_created() throws Exception {
        TargetSpec missing = tenancy().targetOf(tenant("jdbc:h2:./data/acme;MODE=MySQL"));
        Files.createDirectories(home.resolve("data"));
        Files.createFile(home.resolve("data/acme.mv.db"));

        assertThat(missing.url()).isEqualTo("jdbc:h2:file:" + home + "/data/acme;MODE=MySQL");
        assertThat(missing.missingFileRefusal()).contains("Tenant acme was registered by an earlier version of Flotilla",
                "jdbc:h2:file:" + home + "/data/acme;MODE=MySQL does not exist", "Nothing was created",
                "`flotilla tenants remove acme` then `flotilla tenants add acme --url 'jdbc:h2:file:/path/to/its/folder/data/acme;MODE=MySQL'`");
        assertThat(missing.namesMissingFile()).isFalse();
    }

    @Test
    void a_url_registered_since_and_the_template_may_have_their_file_created_by_a_first_deploy() {
        assertThat(tenancy().targetOf(tenant("jdbc:sqlite:" + home + "/acme.db")).missingFileRefusal()).isNull();
        assertThat(tenancy().targetOf(tenant(null)).missingFileRefusal()).isNull();
        assertThat(tenancy().targetOf(tenant(null)).url()).isEqualTo("jdbc:h2:file:" + home + "/t_acme");
    }

    @Test
    void a_relative_file_given_to_register_a_tenant_is_stored_resolved_and_a_password_in_the_url_is_refused() {
        assertThat(tenancy().registering(tenant("jdbc:sqlite:own/a.db")).url()).isEqualTo("jdbc:sqlite:" + home + "/own/a.db");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tenancy().registering(tenant("jdbc:sqlite:a.db?password=Xy12secret")))
                .hasMessageContaining("carries a password").hasMessageNotContaining("Xy12secret");
    }
}
