package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a restore says changed in a tenant's history while it waited for the target lock. */
class RestoreWaitTest {
    private static AppliedMigration row(int rank, String version, MigrationKind kind, boolean success) {
        return new AppliedMigration(rank, version, "d", kind, "V" + version + "__d.sql", "c" + version, "alice", Instant.EPOCH, 1,
                success, null, null);
    }

    private final List<AppliedMigration> before = List.of(row(1, "1", MigrationKind.VERSIONED, true),
            row(2, "2", MigrationKind.VERSIONED, true));

    @Test
    void the_same_rows_are_no_change() {
        assertThat(RestoreWait.changes(before, List.copyOf(before))).isEmpty();
    }

    @Test
    void rows_added_are_said_by_what_was_done_applied_undone_or_failed() {
        List<AppliedMigration> after = new java.util.ArrayList<>(before);
        after.add(row(3, "3", MigrationKind.VERSIONED, true));
        after.add(row(4, "4", MigrationKind.VERSIONED, true));
        after.add(row(5, "4", MigrationKind.UNDO, true));
        after.add(row(6, "5", MigrationKind.VERSIONED, false));

        assertThat(RestoreWait.changes(before, after)).containsExactly("applied 3, 4", "undid 4", "failed 5");
    }

    @Test
    void a_row_running_before_that_succeeded_since_counts_as_applied_and_rows_removed_are_said() {
        List<AppliedMigration> running = List.of(before.get(0), row(2, "2", MigrationKind.VERSIONED, false));

        assertThat(RestoreWait.changes(running, before)).containsExactly("applied 2");
        assertThat(RestoreWait.changes(before, before.subList(0, 1))).containsExactly("removed history rows");
    }
}
