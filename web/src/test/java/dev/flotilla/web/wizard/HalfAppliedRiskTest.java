package dev.flotilla.web.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wizard's half-applied warning names only the products of the tenants in question whose DDL is not transactional. */
class HalfAppliedRiskTest {
    private static final Tenancy ON_POSTGRESQL = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:postgresql://db/app", null,
            "{tenant}", "app", null, "flotilla_history");

    @Test
    void an_all_postgresql_choice_risks_nothing_half_applied() {
        List<Tenant> tenants = List.of(tenant("acme", null), tenant("globex", "jdbc:postgresql://other/app"),
                tenant("initech", "jdbc:sqlite:/data/initech.db"));

        assertThat(HalfAppliedRisk.productsOf(ON_POSTGRESQL, tenants)).isEmpty();
    }

    @Test
    void a_mixed_choice_names_each_product_without_transactional_ddl_once_in_the_order_met() {
        List<Tenant> tenants = List.of(tenant("acme", null), tenant("globex", "jdbc:mysql://m1/app"),
                tenant("initech", "jdbc:mariadb://m2/app"), tenant("umbrella", "jdbc:mysql://m3/app"));

        assertThat(HalfAppliedRisk.productsOf(ON_POSTGRESQL, tenants)).containsExactly("MySQL", "MariaDB");
    }

    private static Tenant tenant(String id, String url) {
        return new Tenant(TenantId.of(id), id, url, null, List.of());
    }
}
