package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import org.junit.jupiter.api.Test;

class FleetCommandsTest {
    private static final TenantId M07 = TenantId.of("m07");

    @Test
    void each_command_without_tenants_gets_the_tenants_it_is_about() {
        String message = "Undo the applied part by hand and run `flotilla repair --rerun-from-start`, or finish it by hand"
                + " and run `flotilla repair --mark-applied 7`; then `flotilla verify`.";

        assertThat(FleetCommands.forTenant(message, M07)).isEqualTo("Undo the applied part by hand and run `flotilla repair"
                + " --tenants m07 --rerun-from-start`, or finish it by hand and run `flotilla repair --tenants m07"
                + " --mark-applied 7`; then `flotilla verify --tenants m07`.");
    }

    @Test
    void an_adopt_a_message_of_the_target_package_names_as_text_gets_the_tenant_too() {
        String message = "Name another table for Flotilla's history, then take that history over with"
                + " `flotilla adopt --from laravel:migrations`. Nothing was changed.";

        assertThat(FleetCommands.forTenant(message, M07)).isEqualTo(message.replace("`flotilla adopt",
                "`flotilla adopt --tenants m07"));
        assertThat(FleetCommands.retarget(FleetCommands.forTenant(message, M07), M07, TenantId.of("m08")))
                .contains("`flotilla adopt --tenants m08 --from laravel:migrations`");
    }

    @Test
    void a_command_that_names_its_tenants_deployment_or_target_and_other_words_stay_as_they_are() {
        String message = "`flotilla restore --deployment d1 --tenants a,b --yes`, `flotilla deploy --retry-failed d1`,"
                + " `flotilla rollback --resume d2`, `flotilla repair --url jdbc:h2:mem:x`, `flotilla repairs`, and run repair"
                + " again with --rerun-from-start.";

        assertThat(FleetCommands.forTenant(message, M07)).isEqualTo(message);
        assertThat(FleetCommands.forTenant((String) null, M07)).isNull();
    }

    @Test
    void a_message_for_one_tenant_is_retargeted_to_another_sharing_its_target_and_not_to_a_longer_id() {
        String forT1 = FleetCommands.forTenant("run `flotilla repair` or `flotilla repair --mark-applied 2`", TenantId.of("t1"));

        assertThat(FleetCommands.retarget(forT1, TenantId.of("t1"), TenantId.of("t10")))
                .isEqualTo("run `flotilla repair --tenants t10` or `flotilla repair --tenants t10 --mark-applied 2`");
        assertThat(FleetCommands.retarget("`flotilla repair --tenants t10`", TenantId.of("t1"), TenantId.of("t2")))
                .isEqualTo("`flotilla repair --tenants t10`");
    }

    @Test
    void a_deploy_that_continues_a_deployment_is_read_as_a_command_and_one_that_selects_tenants_stays_text() {
        String message = "Then `flotilla deploy --retry-failed d-12 --statement-timeout 1h`, or `flotilla deploy --resume"
                + " d-12`; for others `flotilla deploy` or `flotilla deploy --all`, and `flotilla deployments show d-12`.";

        assertThat(Advice.commandsIn(message)).containsExactly("flotilla deploy --retry-failed d-12 --statement-timeout 1h",
                "flotilla deploy --resume d-12");
        assertThat(FleetCommands.forTenant(message, M07)).isEqualTo(message);
        assertThat(Advice.commandsIn("`flotilla deploy --retry-failed ID`")).as("no deployment named").isEmpty();
        assertThat(Advice.commandsIn(null)).isEmpty();
    }
}
