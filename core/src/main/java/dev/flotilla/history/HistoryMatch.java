package dev.flotilla.history;

import dev.flotilla.migration.FileDigest;
import dev.flotilla.migration.FlywayChecksum;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Another tool's history joined with Flotilla's files: the rows Flotilla's history gets (each applied
 * migration under its own file's name, with the file's checksum; Flyway's checksum says whether the file was
 * edited since), the rows no file matches, the failed ones, and what a reviewer should know. What it says names a file
 * by its path where several folders are read ({@link LoadedMigrations#shown}), as status does; the rows name it by its name.
 *
 * @param rows the history rows to write, in the order they ran
 * @param recorded what the rows record, each file said as {@link LoadedMigrations#shown} says it, a baselined one marked so
 * @param unmatched rows that name no file of the folder
 * @param failed rows recorded as failed, which must be resolved with the tool first
 * @param partial Liquibase files of which only some changesets ran, which must be finished with Liquibase first
 */
public record HistoryMatch(List<AppliedMigration> rows, List<String> recorded, List<String> unmatched, List<String> failed,
                           List<String> partial, List<Advice> notes) {
    /** The width of Flotilla's {@code installed_by} column. */
    private static final int INSTALLED_BY_LENGTH = 100;

    public HistoryMatch {
        rows = List.copyOf(rows);
        recorded = List.copyOf(recorded);
        unmatched = List.copyOf(unmatched);
        failed = List.copyOf(failed);
        partial = List.copyOf(partial);
        notes = List.copyOf(notes);
    }

    /**
     * @param placeholders the target's placeholder values: Flyway checksums a repeatable after replacing them (a
     *     versioned script as it is written), so that a repeatable runs again when a value changes
     */
    public static HistoryMatch of(List<ForeignRow> foreign, LoadedMigrations files, HistorySource source,
                                  Map<String, String> placeholders) {
        Replay replay = new Replay(files, source);
        foreign.forEach(replay::row);
        List<String> partial = replay.partlyRun();
        List<Advice> notes = new ArrayList<>();
        List<AppliedMigration> rows = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        if (replay.baseline != null) {
            baselineRows(files, replay.baseline, replay.baselineRow, replay.applied, source, rows, recorded);
        }
        for (Entry entry : replay.applied.values()) {
            rows.add(entry.row(source, placeholders, notes, files));
            recorded.add(files.shown(entry.file().script()));
        }
        outOfOrder(files, replay.applied, replay.baseline, source, notes);
        if (!replay.unknownOutcome.isEmpty()) {
            notes.add(0, unknownOutcome(replay.unknownOutcome, source));
        }
        return new HistoryMatch(rows, recorded, replay.unmatched.values().stream().map(r -> r.label() + " ("
                + source.describe() + " row " + r.order() + ")").toList(), replay.failed, partial, notes);
    }

    /** The tool's rows played in order: what stands applied at the end, what matches no file, what failed. */
    private static final class Replay {
        final LoadedMigrations files;
        final HistorySource source;
        final Map<String, Entry> applied = new LinkedHashMap<>();
        final Map<String, ForeignRow> unmatched = new LinkedHashMap<>();
        final List<String> failed = new ArrayList<>();
        /** The rows that say they ran but not whether they succeeded. */
        final Set<String> unknownOutcome = new LinkedHashSet<>();
        /** The Liquibase changesets ({@code author:id}) that ran, by the file they ran from. */
        final Map<String, Set<String>> changesetsRan = new HashMap<>();
        MigrationVersion baseline;
        ForeignRow baselineRow;

        Replay(LoadedMigrations files, HistorySource source) {
            this.files = files;
            this.source = source;
        }

        void row(ForeignRow row) {
            Optional<Migration> file = fileOf(row, files);
            String key = file.map(Migration::script).orElse(row.label());
            switch (row.state()) {
                case APPLIED, REPEATABLE, OUTCOME_UNKNOWN -> {
                    if (row.state() == ForeignRow.State.OUTCOME_UNKNOWN) {
                        unknownOutcome.add(row.label());
                    }
                    applied.remove(key);
                    unmatched.remove(key);
                    file.ifPresentOrElse(f -> applied.put(key, new Entry(f, row)), () -> unmatched.put(key, row));
                    if (source.tool() == HistorySource.Tool.LIQUIBASE && row.version() != null) {
                        changesetsRan.computeIfAbsent(key, k -> new LinkedHashSet<>())
                                .add(LiquibaseChangesets.key(row.installedBy(), row.version()));
                    }
                }
                case UNDONE -> {
                    applied.remove(key);
                    unmatched.remove(key);
                }
                case BASELINE -> {
                    baseline = version(row.version());
                    baselineRow = row;
                }
                case FAILED -> failed.add(row.label() + " is recorded as failed" + source.failureMark() + " in "
                        + source.describe());
                case IGNORED -> { }
            }
        }

        /**
         * Liquibase files some changesets of which ran and others not, taken out of what is applied: recording them
         * would leave the others never run, and running them would run again the ones that did.
         */
        List<String> partlyRun() {
            List<String> partial = new ArrayList<>();
            if (source.tool() != HistorySource.Tool.LIQUIBASE) {
                return partial;
            }
            applied.values().removeIf(entry -> {
                Set<String> ran = changesetsRan.getOrDefault(entry.file().script(), Set.of());
                List<String> missing = LiquibaseChangesets.of(entry.file().sql()).stream().filter(c -> !ran.contains(c)).toList();
                if (missing.isEmpty()) {
                    return false;
                }
                partial.add(files.shown(entry.file().script()) + " ran only in part: changeset(s) " + String.join(", ", missing)
                        + " are not in " + source.describe() + " (ran: " + String.join(", ", ran) + ")");
                return true;
            });
            return partial;
        }
    }

    private static void baselineRows(LoadedMigrations files, MigrationVersion baseline, ForeignRow row, Map<String, Entry> applied,
                                     HistorySource source, List<AppliedMigration> rows, List<String> recorded) {
        boolean exact = false;
        for (Migration file : files.versioned()) {
            if (file.version().compareTo(baseline) <= 0 && !applied.containsKey(file.script())) {
                exact |= file.version().equals(baseline);
                rows.add(new AppliedMigration(0, file.version().toString(), file.description(), MigrationKind.BASELINE,
                        file.script(), file.checksum(), installedBy(row, source), installedOn(row), 0, true, null, null));
                recorded.add(files.shown(file.script()) + " (baseline)");
            }
        }
        if (!exact) {
            rows.add(new AppliedMigration(0, baseline.toString(), "<< baseline >>", MigrationKind.BASELINE, "<< baseline >>",
                    null, installedBy(row, source), installedOn(row), 0, true, null, null));
            recorded.add("baseline " + baseline);
        }
    }

    /** The note on rows whose success is NULL: what was found, what adopting them means, what to do if one did not finish. */
    private static Advice unknownOutcome(Set<String> labels, HistorySource source) {
        boolean one = labels.size() == 1;
        return Advice.plain(source.describe() + " records no outcome for " + String.join(", ", labels) + " (success is NULL,"
                + " neither TRUE nor FALSE): adopted as applied, as " + (one ? "its row says it" : "their rows say they")
                + " ran and only FALSE marks a failure there. If " + (one ? "it" : "one of them") + " did not finish, finish"
                + " its changes by hand: Flotilla will not run it again.");
    }

    /**
     * Files the tool never ran that are older than the newest it did: they stay pending, out of order. As a deploy
     * judges them ({@link dev.flotilla.plan.TargetPlan}): a test-only version that ran holds no other file back, and a
     * test-only file itself is held back by any version that ran.
     */
    private static void outOfOrder(LoadedMigrations files, Map<String, Entry> applied, MigrationVersion baseline,
                                   HistorySource source, List<Advice> notes) {
        MigrationVersion newest = null;
        MigrationVersion newestOfTheRest = null;
        for (Entry entry : applied.values()) {
            MigrationVersion version = entry.file().version();
            if (version != null) {
                newest = newest == null || version.compareTo(newest) > 0 ? version : newest;
                if (!files.isTestOnly(entry.file())) {
                    newestOfTheRest = newestOfTheRest == null || version.compareTo(newestOfTheRest) > 0 ? version
                            : newestOfTheRest;
                }
            }
        }
        for (Migration file : files.versioned()) {
            MigrationVersion holding = files.isTestOnly(file) ? newest : newestOfTheRest;
            boolean older = holding != null && file.version().compareTo(holding) < 0;
            boolean baselined = baseline != null && file.version().compareTo(baseline) <= 0;
            if (older && !baselined && !applied.containsKey(file.script())) {
                notes.add(Advice.plain(files.shown(file.script()) + " is not in " + source.describe() + " but older than " + holding
                        + ": it stays pending, and migrate and deploy refuse it unless run with --out-of-order"));
            }
        }
    }

    /** The file a row stands for: by script or migration name, else by version. */
    private static Optional<Migration> fileOf(ForeignRow row, LoadedMigrations files) {
        if (row.name() != null) {
            String name = row.name().toLowerCase(Locale.ROOT);
            Optional<Migration> byName = files.migrations().stream().filter(m -> {
                String script = m.script().toLowerCase(Locale.ROOT);
                return script.equals(name) || stem(script).equals(stem(name));
            }).findFirst();
            if (byName.isPresent()) {
                return byName;
            }
        }
        MigrationVersion version = version(row.version());
        return version == null ? Optional.empty() : files.find(version).filter(m -> m.kind() == MigrationKind.VERSIONED);
    }

    private static String stem(String name) {
        return name.replaceFirst("(\\.up)?\\.(sql|php|xml|yaml|yml|json)$", "");
    }

    private static MigrationVersion version(String text) {
        try {
            return text == null ? null : MigrationVersion.parse(text.strip());
        } catch (IllegalArgumentException notAVersion) {
            return null;
        }
    }

    /**
     * Who ran the row, then where it was adopted from as {@code --from} spells it ({@code alice (flyway:flyway_schema_history)}),
     * within the 100 characters of the column: drift finds the tool's table by it.
     */
    static String installedBy(ForeignRow row, HistorySource source) {
        String from = "(" + source.spelled() + ")";
        if (row.installedBy() == null || row.installedBy().isBlank()) {
            return from;
        }
        String who = row.installedBy().strip();
        return who.substring(0, Math.min(who.length(), Math.max(0, INSTALLED_BY_LENGTH - from.length() - 1))) + " " + from;
    }

    static Instant installedOn(ForeignRow row) {
        return row.installedOn() == null ? Instant.now() : row.installedOn();
    }

    /** A file and the (latest) row that ran it. */
    private record Entry(Migration file, ForeignRow row) {
        /** @param files how the notes name the file: by its path among several folders */
        AppliedMigration row(HistorySource source, Map<String, String> placeholders, List<Advice> notes, LoadedMigrations files) {
            String checksum = file.checksum();
            String shown = files.shown(file.script());
            if (row.crc32() != null && FlywayChecksum.of(file.asFlywayChecksumsIt(placeholders)) != row.crc32()) {
                checksum = FlywayChecksum.recorded(row.crc32());
                notes.add(file.kind() == MigrationKind.REPEATABLE
                        ? Advice.plain(shown + " changed since " + source.describe() + " last ran it: it runs again at"
                          + " the next migrate, as Flyway would run it")
                        : Advice.of(shown + " was edited after " + source.applier() + " applied it: it shows as"
                          + " drifted until you check it and run ", Remedy.of("repair", "--realign-checksums")));
            } else if (row.digest() != null && !FileDigest.matchesDigest(file.sql(), row.digest())) {
                checksum = FileDigest.recorded(row.digest());
                notes.add(Advice.of(shown + " was edited after " + source.applier() + " applied it (its "
                        + FileDigest.algorithm(row.digest()) + " there is not the file's now): it shows as drifted until you"
                        + " check it and run ", Remedy.of("repair", "--realign-checksums")));
            }
            MigrationKind kind = file.kind() == MigrationKind.REPEATABLE ? MigrationKind.REPEATABLE : MigrationKind.VERSIONED;
            return new AppliedMigration(0, file.version() == null ? null : file.version().toString(), file.description(), kind,
                    file.script(), checksum, installedBy(row, source), installedOn(row), row.millis(), true, null, null);
        }
    }
}
