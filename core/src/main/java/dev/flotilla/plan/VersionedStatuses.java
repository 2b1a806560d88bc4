package dev.flotilla.plan;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned migrations of a {@link TargetPlan}: each file joined with its latest history row, each row without a
 * file at its place among them, and the state of each, out of order where a version applied above holds it back.
 * Stateless.
 */
final class VersionedStatuses {
    private VersionedStatuses() {
    }

    /** The statuses by version of the versioned files joined with {@code rows}, the latest row by version. */
    static List<MigrationStatus> of(LoadedMigrations files, Map<MigrationVersion, AppliedMigration> rows) {
        // Loops rather than streams here and below: a fleet deploy plans every tenant (a first deploy's history empty).
        // A test-only migration's version holds no other file back (seed 004: 988 ran on a test target, 036 comes later);
        // a test-only file itself is out of order below any version applied.
        java.util.Set<MigrationVersion> testOnly = testOnlyVersions(files);
        MigrationVersion highestApplied = null;
        MigrationVersion highestOfTheRest = null;
        for (Map.Entry<MigrationVersion, AppliedMigration> e : rows.entrySet()) {
            if (e.getValue().kind() != MigrationKind.UNDO || !e.getValue().success()) {
                highestApplied = e.getKey(); // ascending: the last one kept is the highest
                highestOfTheRest = testOnly.contains(e.getKey()) ? highestOfTheRest : e.getKey();
            }
        }
        Holding holding = new Holding(testOnly, highestApplied, highestOfTheRest);
        return ascending(files.versioned()) ? merged(files, rows, holding) : sorted(files, rows, holding);
    }

    /** Whether the files' versions ascend with none twice, as {@link LoadedMigrations} gives them. */
    private static boolean ascending(List<Migration> files) {
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i - 1).version().compareTo(files.get(i).version()) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The versioned statuses by version: each file with its latest row, and each row without a file (but an undo
     * that succeeded) at its place among them, in one pass over the files and the rows, both ascending. A fleet deploy
     * plans every tenant: a map more for each (a {@code TreeMap} of one file) was 4-6% of a deploying thread (round 29).
     */
    private static List<MigrationStatus> merged(LoadedMigrations loaded, Map<MigrationVersion, AppliedMigration> rows,
                                                Holding holding) {
        List<Migration> files = loaded.versioned();
        List<MigrationStatus> statuses = new ArrayList<>(files.size() + rows.size() + 1);
        Iterator<Map.Entry<MigrationVersion, AppliedMigration>> unjoined = rows.entrySet().iterator();
        Map.Entry<MigrationVersion, AppliedMigration> row = unjoined.hasNext() ? unjoined.next() : null;
        for (Migration file : files) {
            while (row != null && row.getKey().compareTo(file.version()) < 0) {
                addOrphan(statuses, row, loaded);
                row = unjoined.hasNext() ? unjoined.next() : null;
            }
            AppliedMigration latest = null;
            if (row != null && row.getKey().compareTo(file.version()) == 0) {
                latest = row.getValue();
                row = unjoined.hasNext() ? unjoined.next() : null;
            }
            statuses.add(new MigrationStatus(file, latest, stateOf(file, latest, holding.above(file))));
        }
        for (; row != null; row = unjoined.hasNext() ? unjoined.next() : null) {
            addOrphan(statuses, row, loaded);
        }
        return statuses;
    }

    private static void addOrphan(List<MigrationStatus> statuses, Map.Entry<MigrationVersion, AppliedMigration> row,
                                  LoadedMigrations files) {
        if (!(row.getValue().kind() == MigrationKind.UNDO && row.getValue().success())) {
            statuses.add(orphan(row.getKey(), row.getValue(), files));
        }
    }

    /**
     * A history row without a file among {@code files}: missing, unless a ceiling ({@link LoadedMigrations#upTo}) left
     * its file out, a version above the one deployed that the target has applied already, as any applied file is.
     */
    private static MigrationStatus orphan(MigrationVersion version, AppliedMigration row, LoadedMigrations files) {
        Migration beyond = files.beyondCeiling(version);
        return beyond == null ? new MigrationStatus(null, row, orphanState(row))
                : new MigrationStatus(beyond, row, stateOf(beyond, row, null));
    }

    /** The same, for files in any order (two of one version: the later one), sorted through a map. */
    private static List<MigrationStatus> sorted(LoadedMigrations files, Map<MigrationVersion, AppliedMigration> rows,
                                                Holding holding) {
        Map<MigrationVersion, MigrationStatus> versioned = new TreeMap<>();
        for (Migration file : files.versioned()) {
            AppliedMigration latest = rows.get(file.version());
            versioned.put(file.version(), new MigrationStatus(file, latest, stateOf(file, latest, holding.above(file))));
        }
        rows.forEach((version, row) -> {
            if (!versioned.containsKey(version) && !(row.kind() == MigrationKind.UNDO && row.success())) {
                versioned.put(version, orphan(version, row, files));
            }
        });
        return new ArrayList<>(versioned.values());
    }

    private static java.util.Set<MigrationVersion> testOnlyVersions(LoadedMigrations files) {
        if (files.testOnly().isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<MigrationVersion> versions = new java.util.HashSet<>();
        for (Migration file : files.versioned()) {
            if (files.isTestOnly(file)) {
                versions.add(file.version());
            }
        }
        return versions;
    }

    /**
     * What can hold a file back as out of order: a test-only file, the highest version applied; any other, the highest
     * applied but for the test-only ones (null when none is).
     */
    private record Holding(java.util.Set<MigrationVersion> testOnly, MigrationVersion highestApplied,
                           MigrationVersion highestOfTheRest) {
        MigrationVersion above(Migration file) {
            return testOnly.contains(file.version()) ? highestApplied : highestOfTheRest;
        }
    }

    /** @param highest the highest version applied and not undone that can hold this file back, null when none is */
    private static MigrationState stateOf(Migration file, AppliedMigration latest, MigrationVersion highest) {
        if (latest == null || (latest.kind() == MigrationKind.UNDO && latest.success())) {
            boolean below = highest != null && file.version().compareTo(highest) < 0;
            return below ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
        }
        if (!latest.success()) {
            return MigrationState.FAILED;
        }
        if (latest.kind() == MigrationKind.BASELINE) {
            return MigrationState.BASELINED;
        }
        return file.hasChecksum(latest.checksum()) ? MigrationState.APPLIED : MigrationState.DRIFTED;
    }

    private static MigrationState orphanState(AppliedMigration row) {
        if (!row.success()) {
            return MigrationState.FAILED;
        }
        return row.kind() == MigrationKind.BASELINE ? MigrationState.BASELINED : MigrationState.MISSING;
    }
}
