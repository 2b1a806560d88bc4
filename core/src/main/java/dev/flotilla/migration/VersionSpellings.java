package dev.flotilla.migration;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How people are shown versions: as the migration files write them ({@code 2025_10_01_060201} for the canonical
 * {@code 2025.10.1.60201}, which plans, runs, history rows and JSON hold), else as they are. Immutable, thread-safe.
 *
 * <p>{@link #listed} knows the spellings from the files' names alone, without reading, checking or checksumming what
 * they hold: a page or a listing that only shows versions asks it every time it is shown.
 */
public final class VersionSpellings {
    /** Versions shown as they are: no file spells one otherwise. */
    public static final VersionSpellings CANONICAL = new VersionSpellings(Map.of());

    /** The versions whose files write them otherwise than canonically, by canonical text. */
    private final Map<String, String> labels;

    private VersionSpellings(Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
    }

    /** The spellings of {@code versions} (files' versions), the first of a version's spellings kept. */
    static VersionSpellings of(Iterable<MigrationVersion> versions) {
        Map<String, String> labels = new HashMap<>();
        for (MigrationVersion version : versions) {
            if (!version.label().equals(version.toString())) {
                labels.putIfAbsent(version.toString(), version.label());
            }
        }
        return new VersionSpellings(labels);
    }

    /**
     * The spellings of the up files in {@code where}, from their names (in name order, as a load reads them; hidden
     * files skipped). A folder that cannot be listed gives {@link #CANONICAL}, quietly: showing a version as recorded is
     * no error, and what is wrong with the folder is for the commands that run its files (plan, deploy) to say. Two up
     * files spelling one version otherwise are refused as a load refuses them: no spelling of that version is right.
     *
     * @throws InvalidMigrationsException where two up files spell one version otherwise, with the load's findings of
     *     the files that share a version
     */
    public static VersionSpellings listed(MigrationFolders where) {
        List<FilesByVersion.Read> ups = new ArrayList<>();
        Set<String> testOnly = new HashSet<>();
        try {
            Set<String> names = new HashSet<>();
            List<Path> files = new ArrayList<>();
            for (Path folder : where.all()) {
                for (Path file : files(folder)) {
                    names.add(file.getFileName().toString());
                    files.add(file);
                    if (where.isTestOnly(folder)) {
                        testOnly.add(file.getFileName().toString());
                    }
                }
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                MigrationFileName.parse(name, names::contains)
                        .filter(parsed -> parsed.role() == MigrationFileName.Role.UP && parsed.hasValidVersion())
                        .ifPresent(parsed -> ups.add(new FilesByVersion.Read(name, where.single() ? name : file.toString(),
                                parsed, null)));
            }
        } catch (IOException | RuntimeException unlisted) {
            return CANONICAL;
        }
        refuseTwoSpellingsOfOneVersion(where.toString(), ups, testOnly);
        return of(ups.stream().map(up -> up.parsed().version()).toList());
    }

    /** Throws the load's findings of {@code ups} (from their names) where two spell one version otherwise. */
    private static void refuseTwoSpellingsOfOneVersion(String origin, List<FilesByVersion.Read> ups, Set<String> testOnly) {
        Map<String, String> spellings = new HashMap<>();
        for (FilesByVersion.Read up : ups) {
            MigrationVersion version = up.parsed().version();
            if (!spellings.computeIfAbsent(version.toString(), canonical -> version.label()).equals(version.label())) {
                List<LoadFinding> findings = new ArrayList<>();
                FilesByVersion byVersion = new FilesByVersion(findings, Set.of());
                ups.forEach(byVersion::add);
                byVersion.finish(testOnly);
                throw new InvalidMigrationsException(origin, findings);
            }
        }
    }

    /** The files of {@code folder} a load reads, hidden ones left out, by name. */
    private static List<Path> files(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        files.sort(java.util.Comparator.comparing(file -> file.getFileName().toString()));
        return files;
    }

    /** {@code versions} (canonical texts; a repeatable's file name) each as {@link #label} shows it, in their order. */
    public List<String> labels(List<String> versions) {
        return versions.stream().map(this::label).toList();
    }

    /** {@code version} (canonical text) as its file writes it; as it is when no file spells it otherwise, or null. */
    public String label(String version) {
        return version == null ? null : labels.getOrDefault(version, version);
    }
}
