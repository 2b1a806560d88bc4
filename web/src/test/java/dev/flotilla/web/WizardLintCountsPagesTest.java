package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lint.LintSeverity;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.MigrationFiles;
import dev.flotilla.web.wizard.WizardDraft;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The files step and the confirmation count a file's lint findings alike, warnings apart from notes: the badge said
 * "2 finding(s)" for a warning and an INFO note while the confirmation said "1 lint warning(s)", as if one were lost.
 */
class WizardLintCountsPagesTest {
    private static final String SCRIPT = "V2__serials.sql";
    private final Templates templates = new Templates();

    @Test
    void the_files_step_counts_warnings_and_notes_apart() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("listing", listing());
        parameters.put("chosen", List.of());

        String page = templates.render("wizard_files.jte", parameters);

        assertThat(page).contains("1 lint warning(s), 1 lint note(s)</span>").doesNotContain("finding(s)");
    }

    @Test
    void the_confirmation_says_the_same_counts_as_the_files_step() {
        WizardDraft draft = new WizardDraft();
        draft.choose(List.of("2"), List.of(SCRIPT));
        draft.select(List.of(TenantId.of("default")), true);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("draft", draft);
        parameters.put("backup", false);
        parameters.put("checks", false);
        parameters.put("listing", listing());
        parameters.put("mayRun", Set.of(SCRIPT));
        parameters.put("failed", Map.of());
        parameters.put("passed", 1);
        parameters.put("template", new dev.flotilla.TargetOptions(null, java.nio.file.Path.of("migrations"), Map.of(), null, null, null,
                null, null, "test"));
        parameters.put("outOfOrder", false);
        parameters.put("tested", "dr-1");
        parameters.put("halfApplied", List.of());
        parameters.put("untested", Map.of());

        String page = templates.render("wizard_confirm.jte", parameters);

        assertThat(page).contains("<strong>" + SCRIPT + "</strong> <span class=\"warn\">1 lint warning(s), 1 lint note(s)</span>");
    }

    private static MigrationFiles.Listing listing() {
        return new MigrationFiles.Listing(List.of(new MigrationFiles.File("2", SCRIPT, "serials", 120, false, List.of(),
                List.of(finding("not-null-without-default", LintSeverity.WARNING), finding("big-table", LintSeverity.INFO)), 0)),
                List.of(), List.of());
    }

    private static MigrationFiles.Finding finding(String rule, LintSeverity severity) {
        return new MigrationFiles.Finding(rule, severity, rule + " here", SCRIPT, 1, List.of("postgresql"));
    }
}
