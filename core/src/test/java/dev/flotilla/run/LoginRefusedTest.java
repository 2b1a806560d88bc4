package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantCredentials;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginRefusedTest {
    private static final String REFUSED = "Authentication failed for user 'app'.";
    private static final String SHARED = " Its tenants share this target and its login: fix the tenancy's user or password"
            + " (tenancy.user, tenancy.passwordEnv in flotilla.yml).";

    private static Tenancy tenancy(TenancyModel model) {
        return new Tenancy(model, "jdbc:postgresql://127.0.0.1:5432/app", null, model == TenancyModel.SHARED_SCHEMA ? "app"
                : "{tenant}", "app", Secret.of("unused"), "tenant_migrations");
    }

    private static Tenant tenant(String id, TenantCredentials credentials) {
        return new Tenant(new TenantId(id), null, null, null, List.of(), credentials);
    }

    @Test
    void a_shared_schema_tenant_selected_alone_is_told_to_fix_the_login_its_tenants_share() {
        TenantTarget acme = TenantTarget.of(tenant("acme", TenantCredentials.NONE), tenancy(TenancyModel.SHARED_SCHEMA));

        String said = LoginRefused.reason(REFUSED, ErrorCode.AUTHENTICATION_FAILED, acme, LoginRefused.sharedTargets(List.of(acme)));

        assertThat(said).isEqualTo(REFUSED + SHARED);
    }

    @Test
    void a_shared_schema_tenant_keeping_a_login_from_another_tenancy_is_told_the_shared_login_is_the_one_used() {
        TenantCredentials kept = new TenantCredentials("acme_user", "ACME_DB_PASSWORD", null);
        TenantTarget acme = TenantTarget.of(tenant("acme", kept), tenancy(TenancyModel.SHARED_SCHEMA));

        String said = LoginRefused.reason(REFUSED, ErrorCode.AUTHENTICATION_FAILED, acme, Set.of());

        assertThat(said).isEqualTo(REFUSED + SHARED).doesNotContain("login of its own", "set-credentials");
    }

    @Test
    void a_schema_per_tenant_tenant_alone_on_its_target_is_told_its_own_login_or_the_tenancys() {
        Tenancy tenancy = tenancy(TenancyModel.SCHEMA_PER_TENANT);
        TenantTarget own = TenantTarget.of(tenant("acme", new TenantCredentials("acme_user", "ACME_DB_PASSWORD", null)), tenancy);
        TenantTarget asTenancy = TenantTarget.of(tenant("globex", TenantCredentials.NONE), tenancy);

        assertThat(LoginRefused.reason(REFUSED, ErrorCode.AUTHENTICATION_FAILED, own, Set.of()))
                .contains("The tenant logs in with a login of its own", "`flotilla tenants set-credentials acme --user USER");
        assertThat(LoginRefused.reason(REFUSED, ErrorCode.AUTHENTICATION_FAILED, asTenancy, Set.of()))
                .contains("The tenant logs in as the tenancy does", "`flotilla tenants set-credentials globex --user USER");
    }

    @Test
    void a_task_of_one_tenant_of_a_shared_schema_says_the_shared_login_as_its_group_of_several_does() {
        Tenancy tenancy = tenancy(TenancyModel.SHARED_SCHEMA);
        TenantTarget acme = TenantTarget.of(tenant("acme", TenantCredentials.NONE), tenancy);
        TenantTarget globex = TenantTarget.of(tenant("globex", TenantCredentials.NONE), tenancy);

        for (List<TenantTarget> group : List.of(List.of(acme), List.of(acme, globex))) {
            assertThat(LoginRefused.reason(dev.flotilla.plan.Advice.plain(REFUSED), ErrorCode.AUTHENTICATION_FAILED, acme, group)
                    .text()).isEqualTo(REFUSED + SHARED);
        }
    }

    @Test
    void any_other_failure_is_said_as_it_is() {
        TenantTarget acme = TenantTarget.of(tenant("acme", TenantCredentials.NONE), tenancy(TenancyModel.SHARED_SCHEMA));

        assertThat(LoginRefused.reason("Connection refused.", ErrorCode.CONNECTION_FAILED, acme, Set.of()))
                .isEqualTo("Connection refused.");
    }
}
