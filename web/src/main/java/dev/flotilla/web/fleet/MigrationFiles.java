package dev.flotilla.web.fleet;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantCensus;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintSeverity;
import dev.flotilla.migration.InvalidMigrationsException;
import dev.flotilla.migration.LoadFinding;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.run.LintAcrossDialects;
import dev.flotilla.run.LintScope;
import dev.flotilla.sql.Dialect;
import dev.flotilla.web.ConsoleFleet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The migration files as the wizard's first step shows them: name, size, whether they load and split, the lint
 * findings, and on how many tenants each is already applied (from what the control plane last learned). Every file is
 * listed and linted, to be chosen; a finding in a versioned file already applied on some tenant says to leave the file
 * as it is (editing it changes its checksum) and mend it in a new migration, as {@code flotilla lint} says.
 */
public final class MigrationFiles {
    /**
     * One file. {@code version} is null for a repeatable migration; it is applied (as the file is now) on the tenants last
     * known up to date: the control plane keeps a tenant's version, not its repeatables, and one with something pending
     * may lack this one. {@code folder} is the folder holding it, as given, when the files come from several folders (null
     * for one); {@code testOnly} whether that folder is a test-only one.
     */
    public record File(String version, String script, String description, int bytes, boolean hasDown, List<String> problems,
                       List<Finding> findings, int appliedOn, String folder, boolean testOnly) {
        /** A file of the one migrations folder. */
        public File(String version, String script, String description, int bytes, boolean hasDown, List<String> problems,
                    List<Finding> findings, int appliedOn) {
            this(version, script, description, bytes, hasDown, problems, findings, appliedOn, null, false);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        public long warnings() {
            return findings.stream().filter(f -> f.severity().warns()).count();
        }

        /** The findings that are notes (INFO): worth knowing, nothing to fix. */
        public long notes() {
            return findings.size() - warnings();
        }

        /**
         * The findings as the files step and the confirmation both count them, warnings apart from notes ("1 lint
         * warning(s), 1 lint note(s)"): a note counted as a finding on one page read as a warning the other did not show.
         */
        public String lintSummary() {
            String warned = warnings() > 0 ? warnings() + " lint warning(s)" : "";
            String noted = notes() > 0 ? notes() + " lint note(s)" : "";
            return warned.isEmpty() || noted.isEmpty() ? warned + noted : warned + ", " + noted;
        }
    }

    /** A lint finding and the dialects of the fleet that gave it (a mixed fleet's files are linted in each). */
    public record Finding(String rule, LintSeverity severity, String message, String script, int line, List<String> dialects) {
        public Finding {
            dialects = List.copyOf(dialects);
        }

        static Finding of(LintAcrossDialects.Finding found) {
            LintFinding f = found.finding();
            return new Finding(f.rule(), f.severity(), f.message(), f.script(), f.line(), found.dialects());
        }
    }

    /**
     * Every file, or the loader's findings when the folder does not load; {@code gaps} says each gap in the folder's
     * numbering ("031 is missing between 030 and 032"), as {@code flotilla validate} and {@code lint} notice them.
     */
    public record Listing(List<File> files, List<LoadFinding> loadErrors, List<LoadFinding> loadWarnings, List<String> gaps) {
        public Listing {
            gaps = List.copyOf(gaps);
        }

        /** A listing with no gap in its numbering. */
        public Listing(List<File> files, List<LoadFinding> loadErrors, List<LoadFinding> loadWarnings) {
            this(files, loadErrors, loadWarnings, List.of());
        }
    }

    private MigrationFiles() {
    }

    public static Listing list(ConsoleFleet fleet) {
        LoadedMigrations loaded;
        try {
            loaded = fleet.loadMigrations();
        } catch (InvalidMigrationsException e) {
            return new Listing(List.of(), e.findings(), List.of());
        }
        return list(fleet, loaded);
    }

    /** Every file of {@code loaded}, the folder as its caller read it (a page reads it once for all it shows). */
    public static Listing list(ConsoleFleet fleet, LoadedMigrations loaded) {
        TenantCensus census = fleet.plane().tenants().census();
        Map<String, Integer> byVersion = census.countBy(TenantCensus.Grouping.VERSION);
        // A finding in a file applied on some tenant says to leave the file be (its checksum), as `flotilla lint` says it;
        // a version baselined there did not run there.
        LintAcrossDialects.Result lint = LintScope.all().withRanAsLastLearned(loaded, census.versions()).apply(LintAcrossDialects.lint(
                loaded, fleet.template().placeholders(), dialects(fleet), fleet.dryRun().lint()));
        int upToDate = census.countBy(TenantCensus.Grouping.STATUS).getOrDefault("up-to-date", 0);
        List<File> files = new ArrayList<>();
        for (Migration m : loaded.migrations()) {
            List<String> problems = lint.problems().stream().filter(p -> m.script().equals(p.migration()) || String.valueOf(m.version()).equals(p.migration()))
                    .map(p -> p.message()).toList();
            List<Finding> findings = lint.findings().stream().filter(f -> m.script().equals(f.finding().script()))
                    .map(Finding::of).toList();
            files.add(new File(m.version() == null ? null : m.version().toString(), m.script(), m.description(),
                    m.sql().getBytes(StandardCharsets.UTF_8).length, m.down() != null, problems, findings,
                    m.version() == null ? upToDate : appliedOn(m.version(), byVersion), folderOf(loaded, m.script()),
                    loaded.isTestOnly(m)));
        }
        return new Listing(files, List.of(), loaded.warnings(), dev.flotilla.migration.VersionGaps.of(loaded));
    }

    /** The folder holding {@code script} as it was given, when the files come from several folders; else null. */
    private static String folderOf(LoadedMigrations loaded, String script) {
        String shown = loaded.shown(script);
        java.nio.file.Path parent = shown.equals(script) ? null : java.nio.file.Path.of(shown).getParent();
        return parent == null ? null : parent.toString();
    }

    /**
     * The dialects of the registered tenants (a mixed fleet has several), else the tenancy's, as `flotilla lint` has them:
     * read from the kinds of URL the tenants have, one short answer of the control plane however large the fleet.
     */
    private static List<Dialect> dialects(ConsoleFleet fleet) {
        List<Dialect> used = LintAcrossDialects.of(fleet.tenancy(), fleet.plane().tenants().census().urlStarts());
        return !used.isEmpty() ? used : List.of(Dialect.forUrl(fleet.tenancy().urlOf(null)));
    }

    /** The migrations a choice stands for: the versioned files up to the newest chosen (order matters), and every repeatable. */
    public static LoadedMigrations upTo(LoadedMigrations loaded, Collection<String> chosen) {
        return loaded.upTo(newest(loaded, chosen));
    }

    /**
     * The version a deploy of the chosen versions stops at when files come after it, for the dry-run command a refusal
     * gives ({@code --to}); null when the newest chosen is the newest file, where a dry run without a limit tests the same.
     */
    public static MigrationVersion ceilingBelowNewest(LoadedMigrations loaded, Collection<String> chosen) {
        MigrationVersion newest = newest(loaded, chosen);
        return loaded.newestVersion().filter(last -> last.compareTo(newest) > 0).map(last -> newest).orElse(null);
    }

    /**
     * The scripts of {@code upTo} a deploy of the chosen versions may run on these tenants: the chosen files, the
     * repeatables, and an earlier file only if a tenant's version, as the control plane last learned it, is below it
     * (a tenant of unknown version may lack any).
     */
    public static Set<String> mayRun(LoadedMigrations upTo, Collection<String> chosen, Collection<TenantRecord> tenants) {
        MigrationVersion lowest = null;
        boolean unknown = false;
        for (TenantRecord tenant : tenants) {
            MigrationVersion version = parseQuietly(tenant.currentVersion());
            unknown |= version == null;
            if (version != null && (lowest == null || version.compareTo(lowest) < 0)) {
                lowest = version;
            }
        }
        Set<String> scripts = new HashSet<>();
        for (Migration m : upTo.migrations()) {
            if (m.version() == null || chosen.contains(m.version().toString()) || unknown
                    || (lowest != null && m.version().compareTo(lowest) > 0)) {
                scripts.add(m.script());
            }
        }
        return scripts;
    }

    private static MigrationVersion parseQuietly(String version) {
        try {
            return version == null || version.isBlank() ? null : MigrationVersion.parse(version);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The newest of the chosen versions, each one a file's. */
    public static MigrationVersion newest(LoadedMigrations loaded, Collection<String> chosen) {
        if (chosen.isEmpty()) {
            throw new FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "Choose at least one migration file.");
        }
        return chosen.stream().map(v -> known(loaded, v)).max(MigrationVersion::compareTo).orElseThrow();
    }

    private static MigrationVersion known(LoadedMigrations loaded, String version) {
        MigrationVersion parsed;
        try {
            parsed = MigrationVersion.parse(version);
        } catch (RuntimeException e) {
            throw new FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE, "'" + version + "' is not a migration version.");
        }
        return loaded.find(parsed).map(Migration::version).orElseThrow(() -> new FlotillaException(dev.flotilla.ErrorCode.BAD_USAGE,
                "No migration file has version " + version + "; the files may have changed: choose again."));
    }

    private static int appliedOn(MigrationVersion version, Map<String, Integer> byVersion) {
        int count = 0;
        for (var entry : byVersion.entrySet()) {
            if (entry.getKey() != null && compareQuietly(entry.getKey(), version) >= 0) {
                count += entry.getValue();
            }
        }
        return count;
    }

    private static int compareQuietly(String current, MigrationVersion version) {
        try {
            return MigrationVersion.parse(current).compareTo(version);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
