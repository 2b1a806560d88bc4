package dev.flotilla.plan;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeatable migrations a rollback pulled the ground from under: last applied after a migration it undid was
 * installed, so what they built may have gone with it (a view dropped by a down file, or by {@code CASCADE}). A
 * rollback marks each with an {@code UNDO} row without a version, as an undone migration is, so {@code status} shows
 * it pending and the next migrate applies it again (repeatables are idempotent); the rows before stay. Read from the
 * whole history, not from one run: a rollback resumed after a crash marks what the first attempt undid too, and a
 * plan sees a repeatable pending whose mark a rollback that died after its last down file never wrote.
 */
public final class UndoneRepeatables {
    private UndoneRepeatables() {
    }

    /** The latest run of each repeatable that an undo recorded after it reaches under; oldest first. */
    public static List<AppliedMigration> in(List<AppliedMigration> history) {
        Map<MigrationVersion, Integer> installed = new HashMap<>();
        Map<String, AppliedMigration> latestRepeatable = new LinkedHashMap<>();
        List<int[]> undone = new ArrayList<>(); // {rank the undone migration was installed at, rank of its undo}
        for (AppliedMigration row : history) {
            if (row.ofRepeatable()) {
                latestRepeatable.remove(row.description());
                latestRepeatable.put(row.description(), row);
            } else if (row.version() != null && row.success()) {
                MigrationVersion version = MigrationVersion.parse(row.version());
                if (row.kind() != MigrationKind.UNDO) {
                    installed.put(version, row.rank());
                } else if (installed.containsKey(version)) {
                    undone.add(new int[] {installed.remove(version), row.rank()});
                }
            }
        }
        return latestRepeatable.values().stream()
                .filter(r -> r.kind() == MigrationKind.REPEATABLE && r.success())
                .filter(r -> undone.stream().anyMatch(u -> u[0] < r.rank() && r.rank() < u[1]))
                .toList();
    }
}
