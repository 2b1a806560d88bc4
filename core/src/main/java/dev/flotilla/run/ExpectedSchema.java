package dev.flotilla.run;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.UndoneRepeatables;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.AppliedMigration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What a tenant's history says its schema should be: the files it applied (or baselined), in the order it applied
 * them (a repeatable's place is its last run's), and a key that is the same for every tenant with that history, so one
 * reference schema serves them all. The tenant's id is part of the key only when {@code ${tenant}} shapes the schema
 * itself (outside of data statements). When the history cannot be rebuilt (a failed run, an edited or missing file, a repeatable
 * changed since it ran), {@code problem} says why and there is no key. {@code rolledBack} is empty but for a tenant
 * whose last rollback marked a repeatable to run again (see {@link #afterRollback}): the versions that rollback undid,
 * replayed after the files. {@code baseline} is the newest version the history baselined (recorded as applied without
 * running it), null when it baselined none: a replay that fails on something no file creates is then no missing baseline.
 */
record ExpectedSchema(String key, List<Migration> files, List<MigrationVersion> rolledBack, String problem, String baseline) {
    /** Bumped whenever snapshots change shape, so references cached by an older Flotilla are not used. */
    private static final String FORMAT = "snapshot-1";
    private static final Pattern DATA = Pattern.compile("(?is)^(INSERT|UPDATE|DELETE|SELECT|MERGE|CALL|WITH)\\b.*");
    /** Whether a file (by dialect and checksum) shapes the schema with {@code ${tenant}}: asked once per file, not per tenant. */
    private static final Map<String, Boolean> SHAPES_SCHEMA = new ConcurrentHashMap<>();

    /** An expected schema of a history that baselined no version. */
    ExpectedSchema(String key, List<Migration> files, List<MigrationVersion> rolledBack, String problem) {
        this(key, files, rolledBack, problem, null);
    }

    /** @param placeholders the target's values, which a repeatable adopted with Flyway's checksum is compared after */
    static ExpectedSchema of(LoadedMigrations migrations, List<AppliedMigration> history, Dialect dialect, String tenant,
                             String target, Map<String, String> placeholders) {
        List<MigrationStatus> applied = new ArrayList<>();
        for (MigrationStatus status : TargetPlan.of(migrations, history, target, placeholders).statuses()) {
            // What to do is said as a command a fleet's message writes for its tenant (FleetCommands), not `flotilla
            // status`, which needs a --url there.
            String problem = switch (status.state()) {
                case FAILED -> status.label() + " is recorded as failed: what its history made cannot be rebuilt. Repair it"
                        + " first (`flotilla repair`), then check again.";
                case DRIFTED -> status.label() + " was edited after it was applied: what its history made cannot be rebuilt."
                        + " Restore the file as it was applied, or, if the edit is meant, `flotilla repair"
                        + " --realign-checksums`.";
                case MISSING -> status.label() + " is applied but its file is gone: what its history made cannot be"
                        + " rebuilt. Restore the file.";
                case OUTDATED -> status.label() + " changed since it last ran: what its history made cannot be rebuilt."
                        + " Deploy it again, then check again.";
                default -> null;
            };
            if (problem != null) {
                return new ExpectedSchema(null, List.of(), List.of(), problem);
            }
            boolean inEffect = switch (status.state()) {
                case APPLIED, BASELINED -> status.file() != null;
                default -> false;
            };
            if (inEffect) {
                applied.add(status);
            }
        }
        // A view a repeatable made before a versioned migration changed its table is what that table's change acted on.
        applied.sort(java.util.Comparator.comparingInt(status -> status.latest().rank()));
        List<Migration> files = new ArrayList<>();
        StringBuilder key = new StringBuilder(FORMAT).append('\n').append(dialect.name()).append('\n');
        boolean perTenant = false;
        for (MigrationStatus status : applied) {
            files.add(status.file());
            key.append(status.script()).append(' ').append(status.file().checksum()).append('\n');
            perTenant |= shapesSchema(status.file(), dialect);
        }
        if (perTenant) {
            key.append("tenant ").append(tenant).append('\n');
        }
        if (!outOfOrder(files).isEmpty()) {
            // Its replay became one in the applied order: a reference cached from a replay in version order is not used.
            key.append("replayed in applied order\n");
        }
        String baseline = history.stream().filter(row -> row.kind() == MigrationKind.BASELINE && row.success()
                && row.version() != null).map(AppliedMigration::version).reduce((first, last) -> last).orElse(null);
        return new ExpectedSchema(sha256(key.toString()), files, List.of(), null, baseline);
    }

    /**
     * What a tenant whose last rollback marked a repeatable to run again (or would have, had it lived to write the mark)
     * should have: its history before that rollback (the repeatable's last applied body with it), then that rollback
     * replayed, the same down files of the same versions. The history records that the down files ran, not what they left
     * of what the repeatable made (a view kept, or dropped with its table or by CASCADE): running them again is what tells.
     * Null when no repeatable is marked, without a plan when the history has no undo (a fleet never rolled back pays
     * nothing); a problem when other migrations ran since that rollback and left the repeatable pending.
     */
    static ExpectedSchema afterRollback(LoadedMigrations migrations, List<AppliedMigration> history, Dialect dialect,
                                        String tenant, String target, Map<String, String> placeholders) {
        String marked = rolledBackRepeatable(migrations, history, target, placeholders);
        if (marked == null) {
            return null;
        }
        int rollback = history.size();
        while (rollback > 0 && history.get(rollback - 1).kind() == MigrationKind.UNDO) {
            rollback--;
        }
        List<MigrationVersion> undone = history.subList(rollback, history.size()).stream()
                .filter(row -> row.version() != null && row.success()).map(row -> MigrationVersion.parse(row.version())).toList();
        if (undone.isEmpty()) {
            return new ExpectedSchema(null, List.of(), List.of(), marked);
        }
        ExpectedSchema before = of(migrations, history.subList(0, rollback), dialect, tenant, target, placeholders);
        if (before.problem() != null) {
            return before;
        }
        return new ExpectedSchema(sha256(before.key() + "\nthen rolled back " + undone), before.files(), undone, null,
                before.baseline());
    }

    private static String rolledBackRepeatable(LoadedMigrations migrations, List<AppliedMigration> history, String target,
                                               Map<String, String> placeholders) {
        if (history.stream().noneMatch(r -> r.kind() == MigrationKind.UNDO)) {
            return null;
        }
        java.util.Set<String> undone = UndoneRepeatables.in(history).stream().map(AppliedMigration::description)
                .collect(java.util.stream.Collectors.toSet());
        return TargetPlan.of(migrations, history, target, placeholders).statuses().stream()
                .filter(s -> undoneByRollback(s, undone)).findFirst()
                .map(s -> s.label() + " was marked to run again by a rollback, and other migrations have run since:"
                        + " what the rollback left of it is not rebuilt, so drift is not supported yet on this tenant. Apply"
                        + " it again (`flotilla migrate`) and check drift then.")
                .orElse(null);
    }

    private static boolean undoneByRollback(MigrationStatus status, java.util.Set<String> undone) {
        boolean marked = status.latest() != null && status.latest().kind() == MigrationKind.UNDO;
        return status.file() != null && status.version() == null && status.state() == dev.flotilla.plan.MigrationState.PENDING
                && (marked || undone.contains(status.file().description()));
    }

    /** What a tenant that ran every file would have: the key a baseline of the whole folder is kept under. */
    static ExpectedSchema ofAll(LoadedMigrations migrations, Dialect dialect, String tenant) {
        List<AppliedMigration> history = new ArrayList<>();
        for (Migration file : migrations.migrations()) {
            history.add(new AppliedMigration(history.size() + 1, file.version() == null ? null : file.version().toString(),
                    file.description(), file.kind(), file.script(), file.checksum(), "flotilla", java.time.Instant.now(), 0,
                    true, null, null));
        }
        return of(migrations, history, dialect, tenant, "the migrations", Map.of());
    }

    /**
     * The files as migrates of an empty target run them in the order the history applied them: a migrate runs versioned
     * files before repeatables, and in the order of their versions, so each migrate runs the files up to a versioned one
     * the history applied after a repeatable, or out of order (after a newer version), and the next one goes on from
     * there (allowing out-of-order migrations: see {@link ReferenceSchema}). One migrate for a history whose repeatables
     * came last and whose versions came in order.
     */
    List<List<Migration>> replays() {
        List<List<Migration>> replays = new ArrayList<>();
        java.util.BitSet outOfOrder = outOfOrder(files);
        for (int i = 1; i < files.size(); i++) {
            boolean afterRepeatable = files.get(i).version() != null && files.get(i - 1).version() == null;
            if (afterRepeatable || outOfOrder.get(i)) {
                replays.add(files.subList(0, i));
            }
        }
        replays.add(files);
        return replays;
    }

    /** Where the history applied a version after a newer one: such a file is replayed by a migrate of its own. */
    private static java.util.BitSet outOfOrder(List<Migration> files) {
        java.util.BitSet outOfOrder = new java.util.BitSet();
        MigrationVersion newest = null;
        for (int i = 0; i < files.size(); i++) {
            MigrationVersion version = files.get(i).version();
            if (version != null && newest != null && version.compareTo(newest) < 0) {
                outOfOrder.set(i);
            } else if (version != null) {
                newest = version;
            }
        }
        return outOfOrder;
    }

    /** Whether the key depends on the tenant: {@code ${tenant}} shapes the schema, not only its rows. */
    boolean perTenant(Dialect dialect) {
        return files.stream().anyMatch(f -> shapesSchema(f, dialect));
    }

    /** The files with statements that insert, change or delete rows: what a copied structure leaves out. */
    List<String> filesWithData(Dialect dialect) {
        return files.stream().filter(f -> {
            try {
                return dialect.split(f.sql()).stream().anyMatch(s -> DATA.matcher(stripComments(s.sql()).toUpperCase(Locale.ROOT))
                        .matches() && !stripComments(s.sql()).toUpperCase(Locale.ROOT).startsWith("SELECT"));
            } catch (RuntimeException unsplittable) {
                return true;
            }
        }).map(Migration::script).toList();
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("(?s)^(\\s*--[^\\n]*\\n|\\s*/\\*.*?\\*/)*", "").strip();
    }

    /** Whether {@code ${tenant}} appears in a statement other than a data statement. */
    private static boolean shapesSchema(Migration file, Dialect dialect) {
        if (!file.sql().contains("${tenant}")) {
            return false;
        }
        return SHAPES_SCHEMA.computeIfAbsent(dialect.name() + " " + file.checksum(), key -> tenantInDdl(file, dialect));
    }

    private static boolean tenantInDdl(Migration file, Dialect dialect) {
        try {
            for (SqlStatement statement : dialect.split(file.sql())) {
                String sql = stripComments(statement.sql());
                if (sql.contains("${tenant}") && !DATA.matcher(sql.toUpperCase(Locale.ROOT)).matches()) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException unsplittable) {
            return true;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
