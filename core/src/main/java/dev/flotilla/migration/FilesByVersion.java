package dev.flotilla.migration;

import static dev.flotilla.migration.LoadFinding.error;

import dev.flotilla.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One load's readable files by what they are: up and down files by version, repeatables by description. A file for a
 * place another has taken is a finding (a duplicate up file's names a free version once every file is in), and so is a
 * down file without its migration. Not thread-safe: one per load.
 */
final class FilesByVersion {
    private final Map<MigrationVersion, Read> ups = new TreeMap<>();
    private final Map<MigrationVersion, Read> downs = new LinkedHashMap<>();
    private final Map<String, Read> repeatables = new TreeMap<>();
    // A duplicate up file's finding, by where it is in the findings, named a free version once every file is read.
    private final Map<Integer, Read> duplicates = new LinkedHashMap<>();
    private final List<LoadFinding> findings;
    private final Set<String> names;

    /** @param names every file's name in the load, of which a repeatable's rename takes none's description */
    FilesByVersion(List<LoadFinding> findings, Set<String> names) {
        this.findings = findings;
        this.names = names;
    }

    /** A file as read: its name, how messages name it, what its name says, and its text. */
    record Read(String name, String shown, MigrationFileName parsed, String content) {
    }

    /** Files {@code read} by its role; one whose place is taken is a finding instead. */
    void add(Read read) {
        MigrationFileName parsed = read.parsed();
        switch (parsed.role()) {
            case UP -> {
                if (addOnce(ups, parsed.version(), read, "has the same version as")) {
                    duplicates.put(findings.size() - 1, read);
                }
            }
            case DOWN -> addOnce(downs, parsed.version(), read, "is a second down file, besides");
            case REPEATABLE -> addRepeatable(read);
            case REPEATABLE_DOWN -> findings.add(error(ErrorCode.ORPHAN_DOWN_FILE, read.shown(), 0, "is a down file for a"
                    + " repeatable migration, which has none: a changed R__ file runs again instead. Delete or rename it"
                    + " (never run forward: it would undo what the repeatable made)."));
        }
    }

    private void addRepeatable(Read read) {
        MigrationFileName parsed = read.parsed();
        Read earlier = repeatables.putIfAbsent(parsed.description(), read);
        if (earlier != null) {
            findings.add(error(ErrorCode.DUPLICATE_VERSION, read.shown(), 0, "is the same repeatable migration as "
                    + earlier.shown() + " (known by its description, '" + parsed.description() + "'). If both"
                    + " are meant, give this one a description of its own: rename " + read.shown() + " "
                    + FreeVersions.repeatableRename(read.name(), parsed, names.stream()
                    .map(n -> MigrationFileName.parse(n).map(MigrationFileName::description).orElse(""))
                    .collect(java.util.stream.Collectors.toSet())) + "; if it is a copy, remove it."));
        }
    }

    /**
     * Once every file is in: each duplicate's free version named, each down file without its migration said.
     *
     * @param testOnly the names of the files read from test-only folders
     */
    void finish(Set<String> testOnly) {
        nameFreeVersions(testOnly);
        downs.forEach((version, down) -> {
            if (!ups.containsKey(version)) {
                findings.add(error(ErrorCode.ORPHAN_DOWN_FILE, down.shown(), 0, "is a down file for version " + version
                        + ", but no migration has that version. Add the migration, or delete or rename the down file."));
            }
        });
    }

    /** Whether {@code file} is kept; when another has its version already, an error says so, and it is not. */
    private boolean addOnce(Map<MigrationVersion, Read> byVersion, MigrationVersion version, Read file, String clash) {
        Read earlier = byVersion.putIfAbsent(version, file);
        if (earlier != null) {
            String golang = MigrationFileName.renameForVersionParts(file.name())
                    .or(() -> MigrationFileName.renameForVersionParts(earlier.name())).map(r -> " " + r + ".").orElse("");
            String next = file.parsed().role() == MigrationFileName.Role.DOWN ? "A migration has one down file: merge what"
                    + " this one undoes into " + earlier.shown() + " and remove it, or, if it belongs to another migration,"
                    + " rename it with the version of the migration it undoes." : "Rename or remove one of them.";
            findings.add(error(ErrorCode.DUPLICATE_VERSION, file.shown(), 0, clash + " " + earlier.shown() + ": version " + version
                    + " (versions compare as numbers: 1, 1.0 and 001 are the same). " + next + golang));
            return golang.isEmpty();
        }
        return false;
    }

    /**
     * Each duplicate up file's finding names a version no file has, above the newest (so that it is not out of order
     * where the newest ran), in the folder's naming: each its own, in the order they were found. A test-only folder's
     * versions (seed 004's 988) are not what a production file goes above, only what it does not take; a test-only
     * file goes above them all.
     */
    private void nameFreeVersions(Set<String> testOnly) {
        if (duplicates.isEmpty()) {
            return;
        }
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        java.util.function.Predicate<String> taken = text -> ups.containsKey(MigrationVersion.parse(text));
        Read newest = ups.get(java.util.Collections.max(ups.keySet()));
        Read newestOfTheRest = ups.values().stream().filter(r -> !testOnly.contains(r.name()))
                .reduce((a, b) -> b).orElse(newest);
        FreeVersions free = new FreeVersions(newestOfTheRest.parsed().versionText(), now, taken);
        FreeVersions freeForTests = new FreeVersions(newest.parsed().versionText(), now, taken);
        duplicates.forEach((at, file) -> {
            LoadFinding said = findings.get(at);
            FreeVersions versions = testOnly.contains(file.name()) ? freeForTests : free;
            String renamed = versions.rename(file.name(), file.parsed());
            // Which of the two a target applied, the files cannot tell: that one keeps its version, the other takes this.
            Read kept = ups.get(file.parsed().version());
            findings.set(at, new LoadFinding(said.severity(), said.code(), said.message() + " A free version: rename "
                    + file.shown() + " " + renamed + " (its down file alike, if it has one); if a target already applied "
                    + file.shown() + ", rename " + kept.shown() + " " + versions.renameAlike(kept.name(), kept.parsed())
                    + " instead: the file a target applied keeps its version.", said.file(), said.line()));
        });
    }

    /** The migrations: each up file with its down file, if any, in version order, then the repeatables. */
    List<Migration> migrations() {
        List<Migration> migrations = new ArrayList<>();
        ups.forEach((version, up) -> {
            Read down = downs.get(version);
            DownScript downScript = down == null ? null
                    : new DownScript(down.name(), down.content(), Checksums.sha256(down.content()));
            migrations.add(new Migration(version, up.parsed().description(), up.name(), MigrationKind.VERSIONED,
                    Checksums.sha256(up.content()), up.content(), downScript));
        });
        repeatables.forEach((description, file) -> migrations.add(new Migration(null, description, file.name(),
                MigrationKind.REPEATABLE, Checksums.sha256(file.content()), file.content(), null)));
        return migrations;
    }
}
