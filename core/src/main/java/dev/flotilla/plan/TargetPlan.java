package dev.flotilla.plan;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
        List<MigrationStatus> all = VersionedStatuses.of(files, latestByVersion);
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
