package dev.flotilla.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.BackupStore;
import dev.flotilla.migration.VersionSpellings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentFactsTest {
    @Test
    void a_repeatable_file_is_named_by_its_file_not_called_a_version() {
        Map<String, Integer> applied = new LinkedHashMap<>();
        applied.put("2025.11", 2);
        applied.put("R__reporting_views.sql", 1);

        assertThat(facts(applied).appliedWords(VersionSpellings.CANONICAL)).isEqualTo("version 2025.11 on 2 tenant(s), R__reporting_views.sql on 1 tenant(s)");
    }

    @Test
    void the_versions_asked_for_and_applied_read_as_their_files_write_them() {
        Map<String, Integer> applied = new LinkedHashMap<>();
        applied.put("2025.11.1", 1);
        DeploymentFacts facts = new DeploymentFacts("versions 3, 2025.11.1; 1 tenant(s): default", "admin", null, false, "",
                applied, new BackupStore.Kept(0, 0), null, List.of());
        VersionSpellings spellings = new dev.flotilla.migration.LoadedMigrations(List.of(new dev.flotilla.migration.Migration(
                dev.flotilla.migration.MigrationVersion.parse("2025_11_01_000000"), "b", "2025_11_01_000000_b.sql",
                dev.flotilla.migration.MigrationKind.VERSIONED, "c", "CREATE TABLE b (id INT);\n", null)), List.of()).spellings();

        assertThat(facts.askedWords(spellings)).isEqualTo("versions 3, 2025_11_01_000000; 1 tenant(s): default");
        assertThat(facts.appliedWords(spellings)).isEqualTo("version 2025_11_01_000000 on 1 tenant(s)");
    }

    @Test
    void nothing_applied_reads_none() {
        assertThat(facts(Map.of()).appliedWords(VersionSpellings.CANONICAL)).isEqualTo("none");
    }

    private static DeploymentFacts facts(Map<String, Integer> applied) {
        return new DeploymentFacts(null, null, "root", false, "", applied, new BackupStore.Kept(0, 0), null, List.of());
    }
}
