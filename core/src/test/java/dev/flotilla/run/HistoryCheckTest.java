package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.FlywayChecksum;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryCheckTest {
    private static final String AS_WRITTEN = "CREATE OR REPLACE VIEW app_role AS SELECT '${app_role}' AS role_name;\n";
    private static final Migration ROLE = new Migration(null, "role", "R__role.sql", MigrationKind.REPEATABLE,
            "flotilla-checksum-of-the-file", AS_WRITTEN, null);

    private static AppliedMigration recorded(String checksum) {
        return new AppliedMigration(1, null, "role", MigrationKind.REPEATABLE, "R__role.sql", checksum, "flyway",
                Instant.now(), 0, true, null, null);
    }

    private static PreparedScript prepared(Map<String, String> placeholders) {
        return new ScriptPreparer(Dialect.forUrl("jdbc:postgresql://localhost/x"), placeholders).up(ROLE);
    }

    @Test
    void a_repeatable_recorded_with_flyways_checksum_of_its_text_with_placeholders_replaced_is_already_done() {
        String asFlywayRanIt = AS_WRITTEN.replace("${app_role}", "reporting");
        List<AppliedMigration> history = List.of(recorded(FlywayChecksum.recorded(FlywayChecksum.of(asFlywayRanIt))));

        assertThat(HistoryCheck.alreadyDone(history, prepared(Map.of("app_role", "reporting")))).isTrue();
        assertThat(HistoryCheck.alreadyDone(history, prepared(Map.of("app_role", "billing"))))
                .as("with another value the view Flyway made is not this one").isFalse();
    }

    @Test
    void a_repeatable_recorded_with_flotillas_checksum_of_the_file_is_already_done_and_another_is_not() {
        assertThat(HistoryCheck.alreadyDone(List.of(recorded("flotilla-checksum-of-the-file")),
                prepared(Map.of("app_role", "reporting")))).isTrue();
        assertThat(HistoryCheck.alreadyDone(List.of(recorded("an-older-checksum")),
                prepared(Map.of("app_role", "reporting")))).isFalse();
    }
}
