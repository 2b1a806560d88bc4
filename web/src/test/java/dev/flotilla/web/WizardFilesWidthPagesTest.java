package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lint.LintSeverity;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.MigrationFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files step fits the window: a long file name (`2025_11_serial_system_integration.sql`, 434 px in bold) was one
 * unbreakable word, and beside its lint findings it pushed the table to 1562 px in a 1400 px window, "Down file" and
 * "Applied on" out of sight. The name may break after each underscore, nowhere else.
 */
class WizardFilesWidthPagesTest {
    private final Templates templates = new Templates();

    @Test
    void a_long_file_name_may_break_after_its_underscores() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.PLATFORM_SUPER_ADMIN));
        parameters.put("listing", new MigrationFiles.Listing(List.of(new MigrationFiles.File("2025.11",
                "2025_11_serial_system_integration.sql", "serial system integration", 982, true, List.of(),
                List.of(new MigrationFiles.Finding("not-null-without-default", LintSeverity.WARNING, "adds NOT NULL column",
                        "2025_11_serial_system_integration.sql", 26, List.of("mariadb"))), 0)), List.of(), List.of()));
        parameters.put("chosen", List.of());

        String page = templates.render("wizard_files.jte", parameters);

        assertThat(page).contains("<strong>2025_<wbr>11_<wbr>serial_<wbr>system_<wbr>integration.sql</strong>")
                .contains("data-file=\"2025_11_serial_system_integration.sql\"");
    }
}
