package dev.flotilla.plan;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The migration files joined with one target's history: the state of every migration, what is pending,
 * and what blocks a run. Immutable; built from one read of the history table.
 */
public final class TargetPlan {
    private final List<MigrationStatus> statuses;
    private final String targetName;
    /** How messages name a file by the name a history row records ({@link LoadedMigrations#recorded}). */
    private final java.util.function.UnaryOperator<String> named;

    private TargetPlan(List<MigrationStatus> statuses, String targetName, java.util.function.UnaryOperator<String> named) {
        this.statuses = List.copyOf(statuses);
        this.targetName = targetName;
        this.named = named;
    }

    public static TargetPlan of(LoadedMigrations files, List<AppliedMigration> history, String targetName) {
        return of(files, history, targetName, Map.of());
    }

    /**
     * The same on a target whose placeholders have {@code placeholders} for values, which a repeatable adopted with
     * Flyway's checksum is compared after, as Flyway compares it ({@link Migration#hasChecksum(String, Map)}).
     */
    public static TargetPlan of(LoadedMigrations files, List<AppliedMigration> history, String targetName,
                                Map<String, String> placeholders) {
        Map<MigrationVersion, AppliedMigration> latestByVersion = new TreeMap<>();
        Map<String, AppliedMigration> latestRepeatable = new HashMap<>();
        for (AppliedMigration row : history) {
            if (row.ofRepeatable()) {
                latestRepeatable.put(row.description(), row);
            } else if (row.version() != null) {
                latestByVersion.put(MigrationVersion.parse(row.version()), row);
            }
        }
        // Loops rather than streams here and below: a fleet deploy plans every tenant (a first deploy's history empty).
        // A test-only migration's version holds no other file back (seed 004: 988 ran on a test target, 036 comes later);
        // a test-only file itself is out of order below any version applied.
        java.util.Set<MigrationVersion> testOnly = testOnlyVersions(files);
        MigrationVersion highestApplied = null;
        MigrationVersion highestOfTheRest = null;
        for (Map.Entry<MigrationVersion, AppliedMigration> e : latestByVersion.entrySet()) {
            if (e.getValue().kind() != MigrationKind.UNDO || !e.getValue().success()) {
                highestApplied = e.getKey(); // ascending: the last one kept is the highest
                highestOfTheRest = testOnly.contains(e.getKey()) ? highestOfTheRest : e.getKey();
            }
        }

        Holding holding = new Holding(testOnly, highestApplied, highestOfTheRest);
        List<MigrationStatus> all = ascending(files.versioned())
                ? merged(files, latestByVersion, holding)
                : sorted(files, latestByVersion, holding);
        // Pending without the rollback's mark too: a rollback that died after its last down file never wrote it.
        java.util.Set<String> undone = new java.util.HashSet<>();
        if (!files.repeatables().isEmpty() && !history.isEmpty()) {
            UndoneRepeatables.in(history).forEach(row -> undone.add(row.description()));
        }
        for (Migration file : files.repeatables()) {
            AppliedMigration latest = latestRepeatable.get(file.description());
            all.add(new MigrationStatus(file, latest, undone.contains(file.description()) ? MigrationState.PENDING
                    : repeatableState(file, latest, placeholders)));
        }
        return new TargetPlan(all, targetName, files::recorded);
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

    private static MigrationState repeatableState(Migration file, AppliedMigration latest, Map<String, String> placeholders) {
        if (latest == null || (latest.kind() == MigrationKind.UNDO && latest.success())) {
            return MigrationState.PENDING;
        }
        if (!latest.success()) {
            return MigrationState.FAILED;
        }
        return file.hasChecksum(latest.checksum(), placeholders) ? MigrationState.APPLIED : MigrationState.OUTDATED;
    }

    /**
     * This plan with its history rows' errors masked by {@code scrub}, and so its problems quoting them: what a target's
     * plan returns to a caller with no control plane between them (see {@link AppliedMigration#masked}).
     */
    public TargetPlan masked(java.util.function.UnaryOperator<String> scrub) {
        List<MigrationStatus> masked = new ArrayList<>(statuses.size());
        boolean changed = false;
        for (MigrationStatus status : statuses) {
            MigrationStatus one = status.masked(scrub);
            changed |= one != status;
            masked.add(one);
        }
        return changed ? new TargetPlan(masked, targetName, named) : this;
    }

    /** Every migration, versioned ones by version, then repeatables. */
    public List<MigrationStatus> statuses() {
        return statuses;
    }

    /** What a run would apply, in order: versioned ones first, then repeatables that are new or changed. */
    public List<Migration> pending(ValidationPolicy policy) {
        // A loop, not a stream: every tenant's run asks (a stream's set-up was 3% of a deploying thread: bench round 28).
        List<Migration> pending = new ArrayList<>();
        for (MigrationStatus status : statuses) {
            MigrationState state = status.state();
            if (status.file() != null && (state == MigrationState.PENDING || state == MigrationState.OUTDATED
                    || (state == MigrationState.OUT_OF_ORDER && policy.allowOutOfOrder()))) {
                pending.add(status.file());
            }
        }
        return java.util.Collections.unmodifiableList(pending);
    }

    /**
     * The newest version in effect by the history alone, without the files (which a plan joins it with to the same
     * effect): for a target whose history was just put back. Null when none is.
     */
    public static String versionInEffect(List<AppliedMigration> history) {
        return of(new LoadedMigrations(List.of(), List.of()), history, "").appliedNewestFirst().stream().findFirst()
                .map(MigrationStatus::version).orElse(null);
    }

    /**
     * What {@code history} records as baselined (counted as applied, never run there), but the versions below it that
     * ran: what the control plane keeps of a tenant as its baseline, as a plan reads it.
     */
    public static Baselined baselineInEffect(List<AppliedMigration> history) {
        List<MigrationStatus> inEffect = of(new LoadedMigrations(List.of(), List.of()), history, "").appliedNewestFirst();
        return Baselined.of(inEffect.stream().filter(s -> s.state() == MigrationState.BASELINED).map(MigrationStatus::version)
                .toList(), inEffect.stream().map(MigrationStatus::version).toList());
    }

    /** Versioned migrations in effect on the target (applied, baselined, drifted or missing), newest first. */
    public List<MigrationStatus> appliedNewestFirst() {
        List<MigrationStatus> applied = new ArrayList<>(statuses.stream()
                .filter(s -> s.version() != null)
                .filter(s -> switch (s.state()) {
                    case APPLIED, BASELINED, DRIFTED, MISSING -> true;
                    default -> false;
                })
                .toList());
        java.util.Collections.reverse(applied);
        return applied;
    }

    /**
     * The same migrations as {@link #appliedNewestFirst()}, the one installed last first (by the installed rank of its
     * latest history row): the order a rollback undoes them in, which differs from version order where a migration was
     * applied out of order.
     */
    public List<MigrationStatus> appliedLastInstalledFirst() {
        return appliedNewestFirst().stream()
                .sorted(Comparator.comparingInt((MigrationStatus s) -> s.latest().rank()).reversed())
                .toList();
    }

    public Optional<MigrationStatus> find(MigrationVersion version) {
        return statuses.stream().filter(s -> s.version() != null && MigrationVersion.parse(s.version()).equals(version))
                .findFirst();
    }

    /** Everything that blocks a run under {@code policy}, all at once. */
    public List<Problem> problems(ValidationPolicy policy) {
        return new PlanProblems(targetName, named).of(statuses, policy);
    }

    /**
     * How messages name the file {@code script} (as a history row records it, or a file's name): by its path where
     * it is one of several folders' files, saying so where none of them holds it; from one folder, by its name.
     */
    public String named(String script) {
        return named.apply(script);
    }
}
