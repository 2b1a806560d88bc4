package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPositionTest {
    private static AppliedMigration row(int rank, String version, MigrationKind kind) {
        return new AppliedMigration(rank, version, "v" + version, kind, "V" + version + "__v.sql", "c" + version, "alice",
                Instant.EPOCH, 1, true, null, null);
    }

    @Test
    void the_label_names_the_newest_version_in_effect_not_one_a_rollback_undid_and_the_rank_the_last_row() {
        List<AppliedMigration> rolledBack = List.of(row(1, "10", MigrationKind.VERSIONED), row(2, "11", MigrationKind.VERSIONED),
                row(3, "11", MigrationKind.UNDO));
        List<AppliedMigration> again = List.of(row(1, "10", MigrationKind.VERSIONED), row(2, "11", MigrationKind.VERSIONED),
                row(3, "11", MigrationKind.UNDO), row(4, "11", MigrationKind.VERSIONED));
        List<AppliedMigration> allUndone = List.of(row(1, "10", MigrationKind.VERSIONED), row(2, "10", MigrationKind.UNDO));

        assertThat(HistoryPosition.of(rolledBack).label()).isEqualTo("version 10 (v10), rank 3");
        assertThat(HistoryPosition.of(again).label()).isEqualTo("version 11 (v11), rank 4");
        assertThat(HistoryPosition.of(allUndone).label()).isEqualTo("no version applied, rank 2");
        assertThat(HistoryPosition.of(List.of()).label()).isEqualTo("an empty history, rank 0");
    }
}
