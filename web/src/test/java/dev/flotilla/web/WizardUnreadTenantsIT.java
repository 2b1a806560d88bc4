package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Step 1 of the wizard counts, per file, the tenants known to have it; one registered and never read is not known to,
 * and the page says so rather than let "0 tenant(s)" read as "none has it" (seed 000, on a fleet just registered).
 */
class WizardUnreadTenantsIT extends ConsoleOverHttp {
    @Test
    void the_files_step_says_how_many_tenants_were_never_read_and_so_are_not_counted() throws Exception {
        String before = get("/wizard/files", null, adminSession()).body();
        demo.fleet.plane().tenants().add(new Tenant(TenantId.of("atelier_neuf"), "Atelier Neuf", null, null, List.of()));

        String after = get("/wizard/files", null, adminSession()).body();

        assertThat(before).as("every demo tenant read by its setup").doesNotContain("applied-unread");
        assertThat(after).contains("<p id=\"applied-unread\"><small>Applied on counts the tenants whose version the control plane"
                + " has read: 1 tenant(s) not read yet");
    }
}
