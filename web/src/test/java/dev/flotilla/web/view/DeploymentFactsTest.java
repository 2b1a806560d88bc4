package dev.flotilla.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.BackupStore;
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

        assertThat(facts(applied).appliedWords()).isEqualTo("version 2025.11 on 2 tenant(s), R__reporting_views.sql on 1 tenant(s)");
    }

    @Test
    void nothing_applied_reads_none() {
        assertThat(facts(Map.of()).appliedWords()).isEqualTo("none");
    }

    private static DeploymentFacts facts(Map<String, Integer> applied) {
        return new DeploymentFacts(null, null, "root", false, "", applied, new BackupStore.Kept(0, 0), null, List.of());
    }
}
