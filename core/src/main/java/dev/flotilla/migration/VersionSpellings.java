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

    /**
     * The spellings of {@code versions} (files' versions). A version two files spell otherwise ({@code V2__b.sql},
     * {@code 000002_c.up.sql}: a load refuses them, {@code DUPLICATE_VERSION}) keeps none: shown as recorded.
     */
    static VersionSpellings of(Iterable<MigrationVersion> versions) {
        Map<String, String> labels = new HashMap<>();
        Set<String> spelledTwice = new HashSet<>();
        for (MigrationVersion version : versions) {
            String first = labels.putIfAbsent(version.toString(), version.label());
            if (first != null && !first.equals(version.label())) {
                spelledTwice.add(version.toString());
            }
        }
        labels.keySet().removeAll(spelledTwice);
        labels.entrySet().removeIf(label -> label.getKey().equals(label.getValue()));
        return new VersionSpellings(labels);
    }

    /**
     * The spellings of the up files in {@code where}, from their names (in name order, as a load reads them; hidden
     * files skipped). A folder that cannot be listed gives {@link #CANONICAL}, quietly: showing a version as recorded is
     * no error, and what is wrong with the folder is for the commands that run its files (plan, deploy) to say; so is
     * a version two files spell otherwise, shown as recorded.
     */
    public static VersionSpellings listed(MigrationFolders where) {
        try {
            Set<String> names = new HashSet<>();
            List<String> ordered = new ArrayList<>();
            for (Path folder : where.all()) {
                for (String name : names(folder)) {
                    names.add(name);
                    ordered.add(name);
                }
            }
            List<MigrationVersion> versions = new ArrayList<>();
            for (String name : ordered) {
                MigrationFileName.parse(name, names::contains)
                        .filter(parsed -> parsed.role() == MigrationFileName.Role.UP && parsed.hasValidVersion())
                        .ifPresent(parsed -> versions.add(parsed.version()));
            }
            return of(versions);
        } catch (IOException | RuntimeException unlisted) {
            return CANONICAL;
        }
    }

    private static List<String> names(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(entry)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
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
