package dev.flotilla.migration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The migrations of one folder or several ({@link MigrationFolders}): versioned ones ascending by version, then repeatables by description;
 * and the warnings met while reading it. Immutable.
 *
 * <p>A class, not a record, to keep what every target of a run derives alike once: the versioned files and the
 * repeatables apart (a fleet deploy asks for them for every tenant: its plan, its task's outcome), and the scripts as
 * split ({@link #splits}).
 */
public final class LoadedMigrations {
    private final List<Migration> migrations;
    private final List<LoadFinding> warnings;
    private final List<Migration> versioned;
    private final List<Migration> repeatables;
    /** The scripts (file names) of the migrations from test-only folders. */
    private final java.util.Set<String> testOnly;
    /** How messages name a file read from one of several folders: its path as the folder was given, by file name. */
    private final Map<String, String> paths;
    /**
     * The versioned files a ceiling ({@link #upTo}) left out, by version: not run, but known, so that a target that has
     * applied them already reads them as applied rather than as missing files.
     */
    private final Map<MigrationVersion, Migration> beyond;
    /** How its files write their versions ({@link MigrationVersion#label}). */
    private final VersionSpellings spellings;
    /** Not part of the value: what its scripts split into, kept for the next target. */
    private final SplitScripts splits = new SplitScripts();

    public LoadedMigrations(List<Migration> migrations, List<LoadFinding> warnings) {
        this(migrations, warnings, java.util.Set.of());
    }

    /** @param testOnly the scripts of the migrations read from test-only folders ({@link MigrationFolders#testOnly}) */
    public LoadedMigrations(List<Migration> migrations, List<LoadFinding> warnings, java.util.Set<String> testOnly) {
        this(migrations, warnings, testOnly, Map.of());
    }

    /**
     * @param paths how messages name the files (up and down) read from one of several folders: their paths, by file name;
     *     a file not there is named by its name
     */
    public LoadedMigrations(List<Migration> migrations, List<LoadFinding> warnings, java.util.Set<String> testOnly,
                            Map<String, String> paths) {
        this(migrations, warnings, testOnly, paths, Map.of());
    }

    private LoadedMigrations(List<Migration> migrations, List<LoadFinding> warnings, java.util.Set<String> testOnly,
                             Map<String, String> paths, Map<MigrationVersion, Migration> beyond) {
        this.beyond = Map.copyOf(beyond);
        this.paths = Map.copyOf(paths);
        this.testOnly = java.util.Set.copyOf(testOnly);
        this.migrations = List.copyOf(migrations);
        this.warnings = List.copyOf(warnings);
        this.versioned = this.migrations.stream().filter(m -> m.kind() == MigrationKind.VERSIONED).toList();
        this.repeatables = this.migrations.stream().filter(m -> m.kind() == MigrationKind.REPEATABLE).toList();
        this.spellings = VersionSpellings.of(java.util.stream.Stream.concat(versioned.stream(), this.beyond.values().stream())
                .map(Migration::version).toList());
    }

    public List<Migration> migrations() {
        return migrations;
    }

    public List<LoadFinding> warnings() {
        return warnings;
    }

    public List<Migration> versioned() {
        return versioned;
    }

    public List<Migration> repeatables() {
        return repeatables;
    }

    /**
     * Whether {@code migration} came from a test-only folder: its version never makes a production migration out of
     * order ({@link dev.flotilla.plan.TargetPlan}).
     */
    public boolean isTestOnly(Migration migration) {
        return !testOnly.isEmpty() && testOnly.contains(migration.script());
    }

    /** The scripts of the migrations from test-only folders. */
    public java.util.Set<String> testOnly() {
        return testOnly;
    }

    /** Only {@code kept} of these migrations (a subset), with the same warnings, test-only marks and paths. */
    public LoadedMigrations keeping(List<Migration> kept) {
        return new LoadedMigrations(kept, warnings, testOnly, paths, beyond);
    }

    /**
     * How messages name the file {@code script} (an up, down or repeatable file's name): its path, as its folder was
     * given, when the files come from several folders (which of them holds it is then worth saying); else its name.
     */
    public String shown(String script) {
        return paths.getOrDefault(script, script);
    }

    /**
     * How messages name the file a history row records by its name ({@code script}): among several folders, its path
     * where one of them holds it, else its name saying that none does (deleted, or renamed); from one folder, its name.
     */
    public String recorded(String script) {
        if (paths.isEmpty() || script == null) {
            return script;
        }
        String path = paths.get(script);
        return path != null ? path : inNoFolder(script);
    }

    /** {@code V3__x.sql (in none of the migration folders)}: a file a history row names that no folder holds. */
    public static String inNoFolder(String script) {
        return script + " (in none of the migration folders)";
    }

    /**
     * The folders its files were read from, as given, when there are several ({@code db/migrations, legacy}); empty when
     * one folder is read: where a message says a file was looked for.
     */
    public List<String> folders() {
        return paths.values().stream().map(path -> java.nio.file.Path.of(path).getParent()).filter(java.util.Objects::nonNull)
                .map(Object::toString).distinct().sorted().toList();
    }

    /** The files' paths by name, for a copy of this set (empty when one folder is read). */
    Map<String, String> paths() {
        return paths;
    }

    /** Its scripts as each dialect split them last: a deployment prepares them for every target, from these files. */
    public SplitScripts splits() {
        return splits;
    }

    /**
     * The migrations a deploy limited to {@code ceiling} stands for (the console's and the API's chosen versions,
     * {@code dry-run --to}): the versioned files up to it, and every repeatable.
     */
    public LoadedMigrations upTo(MigrationVersion ceiling) {
        Map<MigrationVersion, Migration> left = new java.util.HashMap<>(beyond);
        versioned.stream().filter(m -> m.version().compareTo(ceiling) > 0).forEach(m -> left.put(m.version(), m));
        return new LoadedMigrations(migrations.stream().filter(m -> m.version() == null || m.version().compareTo(ceiling) <= 0)
                .toList(), warnings, testOnly, paths, left);
    }

    /** The file of {@code version} a ceiling left out ({@link #upTo}); null when none did. */
    public Migration beyondCeiling(MigrationVersion version) {
        return beyond.get(version);
    }

    /**
     * How people are shown {@code version}, canonical text as plans, runs and history rows hold it: as its file writes it
     * ({@code 2025_10_01_060201} for {@code 2025.10.1.60201}), else as it is (no file has it; a repeatable's script;
     * null).
     */
    public String label(String version) {
        return spellings.label(version);
    }

    /** How its files write their versions, for a page or listing to show them ({@link #label}). */
    public VersionSpellings spellings() {
        return spellings;
    }

    /** The newest file's version; empty when no file has one. */
    public Optional<MigrationVersion> newestVersion() {
        return migrations.stream().map(Migration::version).filter(Objects::nonNull).max(MigrationVersion::compareTo);
    }

    public Optional<Migration> find(MigrationVersion version) {
        return migrations.stream().filter(m -> version.equals(m.version())).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadedMigrations other && migrations.equals(other.migrations) && warnings.equals(other.warnings)
                && testOnly.equals(other.testOnly);
    }

    @Override
    public int hashCode() {
        return Objects.hash(migrations, warnings, testOnly);
    }

    @Override
    public String toString() {
        return "LoadedMigrations[migrations=" + migrations + ", warnings=" + warnings + "]";
    }
}
