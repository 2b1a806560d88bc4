package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private Tenancy onServer(TenancyModel model, Map<String, String> environment) {
        return new Tenancy(model, "jdbc:postgresql://127.0.0.1:5432/test", null, null, "fleet_user", Secret.of("fleet-password"),
                null, home, environment);
    }

    private static Tenant with(TenantCredentials login) {
        return new Tenant(TenantId.of("acme"), null, null, null, List.of(), login);
    }

    @Test
    void a_tenants_own_login_wins_and_its_password_is_never_the_tenancys() {
        Tenancy tenancy = onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of("ACME_DB_PASSWORD", "acme-password"));

        TargetSpec own = tenancy.targetOf(with(new TenantCredentials("acme_app", "ACME_DB_PASSWORD", null)));
        TargetSpec ownPasswordOnly = tenancy.targetOf(with(new TenantCredentials(null, "ACME_DB_PASSWORD", null)));
        TargetSpec ownUserOnly = tenancy.targetOf(with(new TenantCredentials("acme_app", null, null)));
        TargetSpec fleets = tenancy.targetOf(with(TenantCredentials.NONE));

        assertThat(own.user()).isEqualTo("acme_app");
        assertThat(own.password().reveal()).isEqualTo("acme-password");
        assertThat(ownPasswordOnly.user()).isEqualTo("fleet_user");
        assertThat(ownPasswordOnly.password().reveal()).isEqualTo("acme-password");
        assertThat(ownUserOnly.user()).isEqualTo("acme_app");
        assertThat(ownUserOnly.password()).as("the fleet's password is not sent for another user").isNull();
        assertThat(fleets.user()).isEqualTo("fleet_user");
        assertThat(fleets.password().reveal()).isEqualTo("fleet-password");
    }

    @Test
    void an_unset_variable_fails_only_when_the_password_is_needed_naming_the_tenant_and_the_variable() {
        TargetSpec target = onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of())
                .targetOf(with(new TenantCredentials("acme_app", "ACME_DB_PASSWORD", null)));

        assertThat(target.displayName()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test (schema acme)");
        assertThat(target.scrub("some error")).isEqualTo("some error");
        assertThatThrownBy(() -> target.password().reveal()).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("The environment variable ACME_DB_PASSWORD holding the password of tenant acme is not set")
                .extracting(e -> ((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG);
    }

    @Test
    void a_login_of_its_own_is_refused_in_shared_schema_tenancy_and_a_password_given_as_a_variables_name_is_not_shown() {
        assertThatThrownBy(() -> onServer(TenancyModel.SHARED_SCHEMA, Map.of())
                .registering(with(new TenantCredentials("acme_app", "ACME_DB_PASSWORD", null))))
                .hasMessageContaining("cannot have a login of its own in shared-schema tenancy");
        assertThatThrownBy(() -> new TenantCredentials("acme_app", "PgS3cret_xq91", null))
                .hasMessageContaining("not a variable name").hasMessageNotContaining("PgS3cret_xq91");
        assertThatThrownBy(() -> new TenantCredentials("acme_app", "A", "a.txt")).hasMessageContaining("not both");
    }

    @Test
    void a_relative_password_file_is_kept_resolved_and_one_that_cannot_be_read_is_refused_without_its_name() throws Exception {
        Files.writeString(home.resolve("acme.pw"), "file-password\nignored\n");
        Tenancy tenancy = onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of());

        Tenant registered = tenancy.registering(with(new TenantCredentials("acme_app", null, "acme.pw")));

        assertThat(registered.credentials().passwordFile()).isEqualTo(home.resolve("acme.pw").toString());
        assertThat(tenancy.targetOf(registered).password().reveal()).isEqualTo("file-password");
        assertThatThrownBy(() -> tenancy.registering(with(new TenantCredentials("acme_app", null, "Xy12secretpw"))))
                .hasMessageContaining("cannot be read").hasMessageNotContaining("Xy12secretpw");
    }

    @Test
    void a_password_file_is_read_once_for_the_life_of_the_tenancy_and_read_again_by_a_new_one() throws Exception {
        Path file = Files.writeString(home.resolve("acme.pw"), "file-password\n");
        Tenancy tenancy = onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of());
        Tenant acme = with(new TenantCredentials("acme_app", null, file.toString()));
        Tenant sameFileOtherTenant = new Tenant(TenantId.of("globex"), null, null, null, List.of(), acme.credentials());

        assertThat(tenancy.targetOf(acme).password().reveal()).isEqualTo("file-password");
        Files.delete(file);

        assertThat(tenancy.targetOf(acme).password().reveal()).as("kept, not read again").isEqualTo("file-password");
        assertThatThrownBy(() -> tenancy.targetOf(sameFileOtherTenant).password().reveal()).as("read for each tenant")
                .hasMessage("Cannot read the password file " + file + " of tenant globex: no such file. Restore it, or change"
                        + " the tenant's login with `flotilla tenants set-credentials globex`.");
        assertThatThrownBy(() -> tenancy.readingPasswordFilesAgain().targetOf(acme).password().reveal())
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Cannot read the password file " + file + " of tenant acme")
                .extracting(e -> ((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG);
        assertThatThrownBy(() -> onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of()).targetOf(acme).password().reveal())
                .hasMessageContaining("Cannot read the password file " + file + " of tenant acme: no such file.");
    }

    @Test
    void a_password_file_that_could_not_be_read_is_read_again_at_the_next_target() throws Exception {
        Path file = home.resolve("acme.pw");
        Tenancy tenancy = onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of());
        Tenant acme = with(new TenantCredentials("acme_app", null, file.toString()));

        assertThat(tenancy.targetOf(acme).password().available()).isFalse();
        Files.writeString(file, "restored-password\n");

        assertThat(tenancy.targetOf(acme).password().reveal()).isEqualTo("restored-password");
    }

    @Test
    void a_user_added_to_the_tenancys_url_after_a_tenant_got_its_own_fails_that_tenant_naming_both_users() {
        Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:postgresql://127.0.0.1:5432/test?user=fleet_app", null,
                null, "fleet_user", Secret.of("fleet-password"), null, home, Map.of("ACME_DB_PASSWORD", "acme-password"));

        TargetSpec own = tenancy.targetOf(with(new TenantCredentials("acme_app", "ACME_DB_PASSWORD", null)));
        TargetSpec sameUser = tenancy.targetOf(with(new TenantCredentials("fleet_app", "ACME_DB_PASSWORD", null)));
        TargetSpec passwordOnly = tenancy.targetOf(with(new TenantCredentials(null, "ACME_DB_PASSWORD", null)));

        assertThat(own.password().available()).as("the tenant's password is not sent for the URL's user").isFalse();
        assertThatThrownBy(() -> own.password().reveal()).isInstanceOf(FlotillaException.class)
                .hasMessage("Tenant acme logs in as its own user acme_app, but tenancy.url has user=fleet_app, which the database"
                        + " drivers let win. Remove user= from tenancy.url in flotilla.yml, or clear the tenant's login with"
                        + " `flotilla tenants set-credentials acme --clear` (it then logs in as fleet_app).")
                .extracting(e -> ((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_CONFIG);
        assertThat(sameUser.password().reveal()).isEqualTo("acme-password");
        assertThat(passwordOnly.password().reveal()).as("the URL's user with the tenant's password").isEqualTo("acme-password");
    }

    @Test
    void a_user_in_a_tenants_own_url_beside_its_own_user_says_to_register_it_again_or_clear_its_login() {
        Tenant stored = new Tenant(TenantId.of("acme"), null, "jdbc:postgresql://127.0.0.1:5432/acme?user=acme_owner", null,
                List.of(), new TenantCredentials("acme_app", null, null));

        TargetSpec target = onServer(TenancyModel.SCHEMA_PER_TENANT, Map.of()).targetOf(stored);

        assertThat(target.user()).isEqualTo("acme_app");
        assertThatThrownBy(() -> target.password().reveal()).as("no password of its own: refused all the same")
                .hasMessageContaining("Tenant acme logs in as its own user acme_app, but its URL has user=acme_owner")
                .hasMessageContaining("Register it again without user= in its URL (`flotilla tenants remove acme`, then")
                .hasMessageContaining("`flotilla tenants set-credentials acme --clear` (it then logs in as acme_owner)");
    }
}
