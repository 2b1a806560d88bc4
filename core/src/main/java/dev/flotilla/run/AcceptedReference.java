package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.target.AppliedMigration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drift of a tenant whose live schema an administrator accepted ({@link DriftAcceptance}): while its history has not
 * moved since, the live schema against the accepted one (by fingerprint; the accepted structure is built again only to
 * name what differs); after migrations, the accepted structure with them replayed on it in a scratch target. A history
 * rolled back or repaired past the accepted position makes the acceptance no longer hold: the tenant is then compared
 * as any other, saying so. Never a guess: what cannot be rebuilt is {@code unknown}, with why.
 */
final class AcceptedReference {
    /** The tenant's drift against its acceptance, or (drift null) why the acceptance no longer holds. */
    record Outcome(TenantDrift drift, String noLongerHolds) {
    }

    private final TargetOptions template;
    private final LoadedMigrations migrations;
    private final ReferenceCache cache;
    private final java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();

    /** @param cache where the fingerprints of accepted structures with later migrations replayed on them are remembered */
    AcceptedReference(TargetOptions template, LoadedMigrations migrations, ReferenceCache cache) {
        this.template = template;
        this.migrations = migrations;
        this.cache = cache;
    }

    /** How many accepted schemas this one had to build in scratch targets. */
    int built() {
        return built.get();
    }

    Outcome compare(TenantTarget target, SchemaSnapshot live, List<AppliedMigration> history, DriftAcceptance accepted) {
        String noLongerHolds = noLongerHolds(history, live, accepted);
        if (noLongerHolds != null) {
            return new Outcome(null, "The acceptance of " + accepted.describe() + " no longer holds: " + noLongerHolds);
        }
        String said = "Compared with " + accepted.describe() + ".";
        String again = " Accept again after checking (flotilla drift --accept --tenants " + target.tenant().id() + ").";
        List<Migration> later = new ArrayList<>();
        String unfinished = appliedSince(target, history, accepted.position(), later);
        if (unfinished != null) {
            return unknown(target, live, said, unfinished + again);
        }
        boolean sameFormat = accepted.fingerprintFormat() == SchemaSnapshot.FINGERPRINT_FORMAT;
        if (later.isEmpty() && sameFormat && accepted.fingerprint().equals(live.fingerprint())) {
            return new Outcome(drift(target, Status.CLEAN, live, accepted.fingerprint(), null, null, said), null);
        }
        String applied = later.stream().map(Migration::script).collect(Collectors.joining(", "));
        if (accepted.structure() == null) {
            String notKept = "no copy of its structure was kept (" + accepted.structureProblem() + ").";
            if (later.isEmpty() && sameFormat) {
                return new Outcome(drift(target, Status.DRIFTED, live, accepted.fingerprint(), null, "The schema differs from"
                        + " the accepted one; what differs cannot be named: " + notKept, said), null);
            }
            return unknown(target, live, said, later.isEmpty() ? "it was accepted by an older Flotilla, whose fingerprint"
                    + " this one cannot compare, and " + notKept + again : "accepted at " + accepted.position().label()
                    + "; migrations since (" + applied + ") cannot be replayed on an accepted schema for "
                    + accepted.dialect() + " yet: " + notKept + again);
        }
        try {
            // Tenants accepted alike and migrated alike since share one build, remembered by fingerprint across runs.
            String key = key(accepted, later, target);
            java.util.Optional<String> remembered = cache.fingerprint(key);
            if (remembered.isPresent() && remembered.get().equals(live.fingerprint())) {
                return new Outcome(drift(target, Status.CLEAN, live, remembered.get(), null, null, said), null);
            }
            SchemaSnapshot expected = AcceptedStructure.rebuild(template, target.target(), target.tenant().id().value(),
                    accepted.dialect(), accepted.structure(), later);
            built.incrementAndGet();
            cache.remember(key, expected.dialect(), expected.fingerprint());
            boolean same = expected.fingerprint().equals(live.fingerprint());
            return new Outcome(drift(target, same ? Status.CLEAN : Status.DRIFTED, live, expected.fingerprint(),
                    same ? null : SchemaDiff.between(expected, live), null, said), null);
        } catch (FlotillaException e) {
            return unknown(target, live, said, "The accepted schema of " + target.tenant().id() + (later.isEmpty()
                    ? " could not be built again: " : " with the migrations since (" + applied + ") could not be rebuilt: ")
                    + target.target().scrub(e.getMessage()) + again);
        }
    }

    /** Why the acceptance no longer holds (another dialect; its history rewritten or rolled back past it), or null. */
    private static String noLongerHolds(List<AppliedMigration> history, SchemaSnapshot live, DriftAcceptance accepted) {
        HistoryPosition position = accepted.position();
        if (!accepted.dialect().equals(live.dialect())) {
            return "it was of a " + accepted.dialect() + " schema, the tenant's is now " + live.dialect() + ".";
        }
        String instead = " Compared with its history's replay instead; accept again after checking.";
        if (!HistoryPosition.digestUpTo(history, position.lastRank()).equals(position.digest())) {
            return "its history up to that position was changed since (repaired, or rows removed)." + instead;
        }
        Set<String> acceptedVersions = history.stream().filter(r -> r.rank() <= position.lastRank() && r.success()
                && r.version() != null && r.kind() != MigrationKind.UNDO).map(AppliedMigration::version).collect(Collectors.toSet());
        return history.stream().filter(r -> r.rank() > position.lastRank() && r.kind() == MigrationKind.UNDO
                        && r.version() != null && acceptedVersions.contains(r.version())).findFirst()
                .map(r -> "version " + r.version() + " was rolled back since, past that position." + instead).orElse(null);
    }

    /**
     * Adds to {@code later} the files the history applied since the acceptance and still has in effect, in the order it
     * applied them; returns why they cannot be rebuilt (a failed run, an edited or missing file...), or null.
     */
    private String appliedSince(TenantTarget target, List<AppliedMigration> history, HistoryPosition position,
                                List<Migration> later) {
        for (AppliedMigration row : history) {
            if (row.rank() > position.lastRank() && !row.success()) {
                return (row.version() == null ? migrations.recorded(row.script()) : "version " + row.version())
                        + " is recorded as failed since"
                        + " the acceptance: repair it (flotilla repair), then check again.";
            }
            if (row.rank() > position.lastRank() && row.kind() == MigrationKind.UNDO && row.version() == null) {
                return "a rollback since the acceptance marked " + row.description() + " to run again: what it left is not"
                        + " rebuilt on an accepted schema yet. Apply it again (flotilla migrate) and check then.";
            }
        }
        Map<String, String> placeholders = PendingScripts.placeholderValues(template, target);
        List<MigrationStatus> since = TargetPlan.of(migrations, history, target.target().displayName(), placeholders)
                .statuses().stream().filter(s -> s.latest() != null && s.latest().rank() > position.lastRank())
                .sorted(Comparator.comparingInt(s -> s.latest().rank())).toList();
        for (MigrationStatus status : since) {
            String problem = switch (status.state()) {
                case FAILED -> " is recorded as failed";
                case DRIFTED -> " was edited after it was applied";
                case MISSING -> " is applied but its file is gone";
                case OUTDATED -> " changed since it last ran";
                default -> null;
            };
            if (problem != null) {
                return status.label() + problem + ", since the acceptance at " + position.label() + ": what the history made"
                        + " since cannot be rebuilt. See flotilla status.";
            }
            if (status.file() != null && status.latest().kind() != MigrationKind.UNDO) {
                later.add(status.file());
            }
        }
        return null;
    }

    /**
     * What the accepted schema with {@code later} replayed on it depends on: the structure kept, the files, and the tenant
     * where {@code ${tenant}} shapes the schema in them.
     */
    private static String key(DriftAcceptance accepted, List<Migration> later, TenantTarget target) {
        StringBuilder key = new StringBuilder("accepted-1\n").append(accepted.dialect()).append('\n')
                .append(String.join("\n--next--\n", accepted.structure())).append('\n');
        later.forEach(file -> key.append(file.script()).append(' ').append(file.checksum()).append('\n'));
        if (new ExpectedSchema(null, later, List.of(), null).perTenant(dev.flotilla.sql.Dialect.forUrl(target.target().url()))) {
            key.append("tenant ").append(target.tenant().id()).append('\n');
        }
        return HistoryPosition.sha256(key.toString());
    }

    private static TenantDrift drift(TenantTarget target, Status status, SchemaSnapshot live, String expected, SchemaDiff diff,
                                     String reason, String said) {
        return new TenantDrift(target.tenant().id(), target.target().displayName(), status, live.fingerprint(), expected, diff,
                reason, null, said);
    }

    private static Outcome unknown(TenantTarget target, SchemaSnapshot live, String said, String reason) {
        return new Outcome(new TenantDrift(target.tenant().id(), target.target().displayName(), Status.UNKNOWN,
                live.fingerprint(), null, null, reason, null, said), null);
    }
}
