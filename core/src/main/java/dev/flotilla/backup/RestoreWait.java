package dev.flotilla.backup;

import dev.flotilla.Durations;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.TenantId;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What happened on a target while a restore waited for its lock (a deployment migrating it holds it). The history is
 * read before the wait and again under the lock: when it changed meanwhile, the restore is refused, since the backup
 * predates what was just applied (or undone), which whoever confirmed the restore had not seen, and restoring would undo
 * it unasked. A wait that changed nothing is said, naming who held the lock. Not thread-safe: one per restore.
 */
final class RestoreWait {
    /** A wait shorter than this is a lock's round trip, not worth a word. */
    static final Duration NOTABLE = Duration.ofSeconds(1);

    private final List<AppliedMigration> before;
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();

    private RestoreWait(List<AppliedMigration> before) {
        this.before = before;
    }

    /** Reads the target's history as it is before the restore waits for the target lock. */
    static RestoreWait begin(TargetSession session, Duration lockTimeout) throws SQLException {
        return new RestoreWait(LockBoundedSchemaRead.historyBeforeLock(session, lockTimeout));
    }

    /**
     * Under the target lock: refuses the restore when the history changed while it waited, else says how long it waited
     * for whom when that was long enough to notice.
     *
     * @return the notice, or null when the lock came at once
     * @throws FlotillaException {@code TARGET_CHANGED} naming what changed and who changed it; nothing was restored
     */
    String afterLock(TargetSession session, ControlPlane plane, TenantId tenant, String backupId) throws SQLException {
        Duration waited = Duration.ofNanos(System.nanoTime() - startedNanos);
        List<String> changed = changes(before, session.history().current());
        if (changed.isEmpty()) {
            return waited.compareTo(NOTABLE) < 0 ? null : "waited " + seconds(waited) + " for " + holders(plane, tenant)
                    + ", which changed nothing of its history meanwhile";
        }
        throw new FlotillaException(ErrorCode.TARGET_CHANGED, "Restoring " + tenant + " waited " + seconds(waited)
                + " for its target lock, and meanwhile " + holders(plane, tenant) + " " + String.join("; ", changed)
                + " there. Nothing was restored: backup " + backupId + " was taken before that, and restoring it now would"
                + " undo it too, unasked. Check the tenant (`flotilla status --fleet`), then run the restore again if that"
                + " is what you want undone.");
    }

    /** Who held the target lock: the deployments working on the tenant since the wait began, or "another Flotilla run". */
    private String holders(ControlPlane plane, TenantId tenant) {
        List<String> ids = plane.deployments().workingOn(tenant, started).stream().distinct().toList();
        return ids.isEmpty() ? "another Flotilla run" : (ids.size() == 1 ? "deployment " : "deployments ") + String.join(", ", ids);
    }

    private static String seconds(Duration waited) {
        return Durations.said(Duration.ofSeconds(Math.max(1, Math.round(waited.toMillis() / 1000.0))));
    }

    /**
     * What the rows {@code after} say happened that {@code before} did not, by what was done: "applied 4, 5", "undid 3",
     * "failed 6", "removed history rows"; empty when nothing did.
     */
    static List<String> changes(List<AppliedMigration> before, List<AppliedMigration> after) {
        Map<String, List<String>> done = new LinkedHashMap<>();
        after.stream().filter(row -> before.stream().noneMatch(old -> same(old, row))).forEach(row -> done.computeIfAbsent(
                row.kind() == MigrationKind.UNDO ? "undid" : row.success() ? "applied" : "failed", k -> new ArrayList<>())
                .add(row.version() != null ? row.version() : row.script()));
        List<String> changes = new ArrayList<>();
        done.forEach((verb, versions) -> changes.add(verb + " " + String.join(", ", versions)));
        if (after.stream().map(AppliedMigration::rank).collect(Collectors.toSet()).containsAll(
                before.stream().map(AppliedMigration::rank).toList())) {
            return changes;
        }
        changes.add("removed history rows");
        return changes;
    }

    private static boolean same(AppliedMigration a, AppliedMigration b) {
        return a.rank() == b.rank() && a.kind() == b.kind() && a.success() == b.success() && Objects.equals(a.version(), b.version())
                && Objects.equals(a.checksum(), b.checksum()) && Objects.equals(a.failedStatement(), b.failedStatement());
    }
}
