package dev.flotilla.migration;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the migration files are: one folder or several (Flyway's {@code locations}), whose files form one set ordered
 * by version, and folders of test-only migrations ({@code testMigrations:}, {@code --test-migrations}) given only where
 * tests run. A file is recorded by its name alone, so moving it from one folder to another changes nothing on a target.
 * Immutable.
 *
 * @param folders the folders of the migrations every target gets; at least one
 * @param testOnly the folders of migrations for test targets only; their versions never hold a production file back as
 *     out of order
 */
public record MigrationFolders(List<Path> folders, List<Path> testOnly) {
    public MigrationFolders {
        folders = List.copyOf(folders);
        testOnly = List.copyOf(testOnly);
        if (folders.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "No migrations folder is given: pass --migrations DIR (or set"
                    + " migrations: in flotilla.yml).");
        }
        Map<Path, Path> seen = new HashMap<>();
        for (Path folder : Stream.concat(folders.stream(), testOnly.stream()).toList()) {
            Path earlier = seen.putIfAbsent(folder.toAbsolutePath().normalize(), folder);
            if (earlier != null) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "The migrations folder " + folder + " is given twice"
                        + (testOnly.contains(folder) && folders.contains(earlier) ? " (as a migrations folder and as a"
                        + " test-only one: a folder is one or the other)" : "") + ". Name each folder once.");
            }
        }
    }

    /** The one folder of a single-folder project. */
    public static MigrationFolders of(Path folder) {
        return new MigrationFolders(List.of(Objects.requireNonNull(folder, "folder")), List.of());
    }

    /** The first folder: where new migration files are written ({@code tenancy rls}, {@code tenancy adopt}). */
    public Path first() {
        return folders.get(0);
    }

    /** Every folder, the test-only ones last. */
    public List<Path> all() {
        List<Path> all = new ArrayList<>(folders);
        all.addAll(testOnly);
        return List.copyOf(all);
    }

    public boolean isTestOnly(Path folder) {
        return testOnly.contains(folder);
    }

    /** Whether this is one folder and nothing else, as every project had before folders could be several. */
    public boolean single() {
        return folders.size() == 1 && testOnly.isEmpty();
    }

    /**
     * How messages name the file a history row records by its name, without reading the files: as
     * {@link LoadedMigrations#recorded} names it (its path where one of several folders holds it).
     */
    public String recorded(String script) {
        if (single() || script == null) {
            return script;
        }
        for (Path folder : all()) {
            try {
                Path file = folder.resolve(script);
                if (java.nio.file.Files.isRegularFile(file)) {
                    return file.toString();
                }
            } catch (java.nio.file.InvalidPathException e) {
                break; // a name no file can have: no folder holds it
            }
        }
        return LoadedMigrations.inNoFolder(script);
    }

    /** {@code db/migrations, db/test-migrations (test-only)}: the folders as messages name them. */
    @Override
    public String toString() {
        return all().stream().map(f -> f + (isTestOnly(f) ? " (test-only)" : "")).collect(Collectors.joining(", "));
    }
}
