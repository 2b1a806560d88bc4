package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.web.auth.Role;
import dev.flotilla.web.view.Paging;
import dev.flotilla.web.wizard.WizardDraft;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wizard's later steps name the files chosen at step 1 as they were chosen, by file name, not by a version number
 * the administrator never typed (`2025_11_serial_system_integration.sql` read back as `2025.11`).
 */
class WizardChosenFilesPagesTest {
    private final Templates templates = new Templates();

    @Test
    void the_tenant_step_names_the_chosen_files_by_their_names() {
        String page = templates.render("wizard_tenants.jte", tenantStep(chosen()));

        assertThat(page).contains("<strong id=\"chosen-files\">2025_11_serial_system_integration.sql</strong>")
                .doesNotContain(">2025.11</strong>");
    }

    @Test
    void the_test_step_names_the_chosen_files_by_their_names() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("draft", chosen());
        parameters.put("job", null);

        String page = templates.render("wizard_test.jte", parameters);

        assertThat(page).contains("Files <strong>2025_11_serial_system_integration.sql</strong> on").doesNotContain(">2025.11</strong>");
    }

    @Test
    void a_draft_chosen_without_file_names_still_names_its_versions() {
        WizardDraft draft = new WizardDraft();
        draft.choose(List.of("2"));

        assertThat(templates.render("wizard_tenants.jte", tenantStep(draft))).contains("<strong id=\"chosen-files\">2</strong>");
    }

    private static WizardDraft chosen() {
        WizardDraft draft = new WizardDraft();
        draft.choose(List.of("2025.11"), List.of("2025_11_serial_system_integration.sql"));
        return draft;
    }

    private static Map<String, Object> tenantStep(WizardDraft draft) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("tenants", List.of());
        parameters.put("paging", Paging.of("1", 50, 0));
        parameters.put("q", "");
        parameters.put("group", "");
        parameters.put("groups", List.of());
        parameters.put("draft", draft);
        parameters.put("registered", 0);
        return parameters;
    }
}
