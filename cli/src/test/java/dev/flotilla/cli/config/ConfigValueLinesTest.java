package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.FlotillaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad value checked once the file is read (a choice, a list of names) is told at its key's line, as a bad type is. */
class ConfigValueLinesTest {
    @TempDir
    Path folder;

    @Test
    void a_bad_dry_run_mode_lint_rule_or_tenancy_model_names_the_line_of_its_key() throws Exception {
        Path file = Files.writeString(folder.resolve("flotilla.yml"), """
                dryRun:
                  mode: fast
                lint:
                  disabled: [drop-tabel]
                tenancy:
                  model: db-per-tenant
                  passwordEnv: DB_PW
                  passwordFile: db.txt
                """);

        String message = catchThrowableOfType(FlotillaException.class, () -> ConfigLoader.load(file, true, Map.of()))
                .getMessage();

        assertThat(message).contains(file + ":2: dryRun.mode must be auto, transaction or clone, was 'fast'",
                file + ":4: lint.disabled names unknown rule(s) [drop-tabel]",
                file + ":6: tenancy.model: Unknown tenancy model 'db-per-tenant'",
                file + ":8: tenancy: give passwordEnv or passwordFile, not both");
    }

    @Test
    void a_bad_value_from_a_variable_names_the_variable() throws Exception {
        Path file = Files.writeString(folder.resolve("flotilla.yml"), "dryRun:\n  mode: auto\n");

        String message = catchThrowableOfType(FlotillaException.class, () -> ConfigLoader.load(file, true,
                Map.of("FLOTILLA_DRY_RUN_MODE", "fast"))).getMessage();

        assertThat(message).contains("FLOTILLA_DRY_RUN_MODE: dryRun.mode must be auto, transaction or clone, was 'fast'");
    }
}
