package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's accept on a shared-schema fleet (every demo tenant in the "default" tenant's database): the confirmation
 * names the other tenants of the shared schema, whose live schema accepting also accepts, a long list bounded.
 */
class ConsoleSharedSchemaDriftAcceptIT extends ConsoleOverHttp {
    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            Tenancy t = fleet.tenancy();
            String shared = t.urlTemplate().replace(Tenancy.TENANT, "default");
            return new ConsoleFleet(fleet.plane(), new Tenancy(TenancyModel.SHARED_SCHEMA, shared, null, null, null, null,
                    t.historyTable(), t.home()), fleet.template(), fleet.deploy(), fleet.dryRun());
        });
    }

    @Test
    void the_confirmation_names_the_tenants_of_the_shared_schema_it_also_accepts() throws Exception {
        onTenant("default", "CREATE INDEX hotfix ON staff (email)");
        String admin = adminSession();
        String check = checked(admin, "tenants=default");

        HttpResponse<String> confirm = get(check + "/accept/default", null, admin);
        for (int i = 1; i <= 20; i++) {
            demo.fleet.plane().tenants().add(new Tenant(TenantId.of(String.format("extra_%02d", i)), null, null, null, List.of()));
        }
        String many = get(check + "/accept/default", null, admin).body();

        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"accept-shared\"", "this also accepts the live schema for tenants atelier_nord,"
                + " atelier_sud, bistro_lumiere, maison_atelier (same shared schema)");
        assertThat(many).contains("for tenants atelier_nord, atelier_sud, bistro_lumiere, extra_01,", "extra_17 and 4 more"
                + " (same shared schema)").doesNotContain("extra_18", "maison_atelier");
    }

    /** Runs a drift check of the form's tenants from the Drift page; the address of its page once done. */
    private String checked(String session, String form) throws Exception {
        HttpResponse<String> started = form(session, "/drift", form);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        return started.headers().firstValue("Location").orElseThrow();
    }
}
