package dev.flotilla.migration;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Placeholders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a folder of migration files (top level only; hidden files and subfolders are skipped). Every error
 * in the folder is collected and thrown together in one {@link InvalidMigrationsException}, the scripts that cannot
 * be split into statements among them; files that match no naming pattern are warnings. Stateless apart from the known placeholder names; thread-safe.
 */
public final class MigrationLoader {
    private final Set<String> placeholderNames;
    private final Dialect dialect;

    /** @param placeholderNames user-defined placeholder names; {@code tenant} and {@code schema} are always known */
    public MigrationLoader(Set<String> placeholderNames) {
        this(placeholderNames, null);
    }

    /**
     * @param dialect the target's, which splits the scripts when the folder has other errors to report with them;
     *     null for no target: a script must then split in at least one dialect's syntax
     */
    public MigrationLoader(Set<String> placeholderNames, Dialect dialect) {
        Set<String> names = new HashSet<>(placeholderNames);
        names.addAll(Placeholders.BUILT_IN);
        this.placeholderNames = Set.copyOf(names);
        this.dialect = dialect;
    }

    public LoadedMigrations load(Path folder) {
        return load(MigrationFolders.of(folder));
    }

    /**
     * Reads every folder of {@code where} into one set. A file is known by its name (as the history records it), and
     * named in messages by its path when there are several folders.
     */
    public LoadedMigrations load(MigrationFolders where) {
        List<Path> missing = where.all().stream().filter(folder -> !Files.isDirectory(folder)).toList();
        if (!missing.isEmpty()) {
            throw new FlotillaException(ErrorCode.MIGRATIONS_NOT_FOUND, "The migrations folder " + missing.stream()
                    .map(f -> f.toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(", "))
                    + " does not exist or is not a folder. Pass --migrations DIR (fleet commands: migrations: in flotilla.yml).");
        }
        List<SourceFile> sources = new ArrayList<>();
        Map<Path, List<String>> testOnly = new LinkedHashMap<>();
        for (Path folder : where.all()) {
            for (Path file : files(folder)) {
                String name = file.getFileName().toString();
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    content = null;
                }
                sources.add(new SourceFile(name, content, where.single() ? name : file.toString()));
                if (where.isTestOnly(folder)) {
                    testOnly.computeIfAbsent(folder, f -> new ArrayList<>()).add(name);
                }
            }
        }
        Set<String> testOnlyNames = new HashSet<>();
        testOnly.values().forEach(testOnlyNames::addAll);
        LoadedMigrations loaded = load(where.toString(), sources, testOnlyNames);
        return testOnly.isEmpty() ? loaded : TestOnlyMigrations.mark(loaded, testOnly);
    }

    /**
     * Loads migrations given as name and content (from a jar, say), with the same rules as a folder.
     *
     * @param origin names the source in messages
     */
    public LoadedMigrations load(String origin, List<SourceFile> sources) {
        return load(origin, sources, Set.of());
    }

    /** @param testOnly the names of the files read from test-only folders, whose versions a free one is not above */
    private LoadedMigrations load(String origin, List<SourceFile> sources, Set<String> testOnly) {
        List<LoadFinding> findings = new ArrayList<>();
        Map<MigrationVersion, Read> ups = new TreeMap<>();
        Map<MigrationVersion, Read> downs = new LinkedHashMap<>();
        Map<String, Read> repeatables = new TreeMap<>();
        List<Read> decoded = new ArrayList<>();
        // A duplicate up file's finding, by where it is in the findings, named a free version once every file is read.
        Map<Integer, Read> duplicates = new LinkedHashMap<>();
        Set<String> names = new HashSet<>(sources.stream().map(SourceFile::name).toList());
        for (SourceFile source : sources) {
            String name = source.name();
            String shown = source.shown();
            MigrationFileName parsed = MigrationFileName.parse(name, names::contains).orElse(null);
            if (parsed == null) {
                String renamed = MigrationFileName.lowerCaseEnding(name).filter(n -> MigrationFileName.parse(n).isPresent())
                        .orElse(null);
                String underscores = MigrationFileName.withTwoUnderscores(name)
                        .filter(n -> MigrationFileName.parse(n).isPresent()).orElse(null);
                findings.add(renamed != null ? error(ErrorCode.BAD_FILE_NAME, shown, 0, "looks like a migration, but its"
                        + " ending is not in lower case, so it would be ignored. Rename it " + renamed + ".")
                        : underscores != null ? error(ErrorCode.BAD_FILE_NAME, shown, 0, "looks like a migration, but has"
                        + " one underscore after its version, so it would be ignored. Rename it " + underscores + " (two"
                        + " underscores between the version and the description, as Flyway names them), or move it out of"
                        + " the migrations folder if it is none.")
                        : new LoadFinding(Severity.WARNING, null, "does not look like a migration and is ignored; "
                        + MigrationFileName.ACCEPTED + ".", shown, 0));
                continue;
            }
            String suffix = parsed.suffixInDescription().orElse(null);
            String renamed = MigrationFileName.lowerCaseEnding(name).orElse(name);
            if ("down".equals(suffix)) {
                findings.add(error(ErrorCode.BAD_FILE_NAME, shown, 0, "is named like a down file, but not in lower case, so"
                        + " it reads as a migration that would run forward. Rename it " + renamed + "."));
                continue;
            }
            String ambiguous = MigrationFileName.ambiguousDown(name, names::contains).orElse(null);
            if (ambiguous != null) {
                findings.add(error(ErrorCode.BAD_FILE_NAME, shown, 0, ambiguous));
                continue;
            }
            if ("up".equals(suffix)) {
                // Read as ever (histories recorded it so); the odd case is said, not silently kept.
                findings.add(new LoadFinding(Severity.WARNING, null, "reads as a migration described '" + parsed.description()
                        + "': an up file's suffix is .up.sql in lower case. " + MigrationFileName.upSuffixRename(name, parsed),
                        shown, 0));
            }
            if (!parsed.hasValidVersion()) {
                findings.add(error(ErrorCode.INVALID_VERSION, shown, 0, "'" + parsed.versionText() + "' is not a version:"
                        + " use digits separated by '.' or '_', e.g. V1.2__x.sql or V2025_11_01__x.sql"));
            }
            String content = decode(source, findings);
            if (content == null) {
                continue;
            }
            checkPlaceholders(shown, content, findings);
            Read read = new Read(name, shown, parsed, content);
            decoded.add(read);
            if (!parsed.hasValidVersion()) {
                continue; // its content is checked all the same: what is wrong inside is said with its name
            }
            switch (parsed.role()) {
                case UP -> {
                    if (addOnce(ups, parsed.version(), read, findings, "has the same version as")) {
                        duplicates.put(findings.size() - 1, read);
                    }
                }
                case DOWN -> addOnce(downs, parsed.version(), read, findings, "is a second down file, besides");
                case REPEATABLE -> {
                    Read earlier = repeatables.putIfAbsent(parsed.description(), read);
                    if (earlier != null) {
                        findings.add(error(ErrorCode.DUPLICATE_VERSION, shown, 0, "is the same repeatable migration as "
                                + earlier.shown() + " (known by its description, '" + parsed.description() + "'). If both"
                                + " are meant, give this one a description of its own: rename " + shown + " "
                                + FreeVersions.repeatableRename(name, parsed, sources.stream().map(SourceFile::name)
                                .map(n -> MigrationFileName.parse(n).map(MigrationFileName::description).orElse(""))
                                .collect(java.util.stream.Collectors.toSet())) + "; if it is a copy, remove it."));
                    }
                }
                case REPEATABLE_DOWN -> findings.add(error(ErrorCode.ORPHAN_DOWN_FILE, shown, 0, "is a down file for a"
                        + " repeatable migration, which has none: a changed R__ file runs again instead. Delete or rename it"
                        + " (never run forward: it would undo what the repeatable made)."));
            }
        }
        nameFreeVersions(ups, duplicates, findings, testOnly);
        downs.forEach((version, down) -> {
            if (!ups.containsKey(version)) {
                findings.add(error(ErrorCode.ORPHAN_DOWN_FILE, down.shown(), 0, "is a down file for version " + version
                        + ", but no migration has that version. Add the migration, or delete or rename the down file."));
            }
        });
        if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            // Said now, with the rest, so that one run lists everything to fix; on a folder without errors the
            // command that uses the scripts splits them as its target's dialect does and says the same.
            ScriptSyntax syntax = new ScriptSyntax(dialect);
            decoded.stream().map(read -> syntax.check(read.shown(), read.content())).filter(java.util.Objects::nonNull)
                    .forEach(findings::add);
            throw new InvalidMigrationsException(origin, findings);
        }
        Map<String, String> paths = new java.util.HashMap<>();
        for (Read read : decoded) {
            if (!read.shown().equals(read.name())) {
                paths.put(read.name(), read.shown());
            }
        }
        return new LoadedMigrations(migrations(ups, downs, repeatables), findings, Set.of(), paths);
    }

    /** A migration file's name and bytes; null bytes when it could not be read. */
    public record SourceFile(String name, byte[] content, String shown) {
        /** @param shown how messages name the file: its path, when it is one of several folders' */
        public SourceFile {
            Objects.requireNonNull(name, "name");
            shown = shown == null ? name : shown;
        }

        public SourceFile(String name, byte[] content) {
            this(name, content, name);
        }
    }

    private static List<Migration> migrations(Map<MigrationVersion, Read> ups, Map<MigrationVersion, Read> downs,
                                              Map<String, Read> repeatables) {
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

    /** Whether {@code file} is kept; when another has its version already, an error says so, and it is not. */
    private static boolean addOnce(Map<MigrationVersion, Read> byVersion, MigrationVersion version, Read file,
                                   List<LoadFinding> findings, String clash) {
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
    private static void nameFreeVersions(Map<MigrationVersion, Read> ups, Map<Integer, Read> duplicates,
                                         List<LoadFinding> findings, Set<String> testOnly) {
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
            String renamed = (testOnly.contains(file.name()) ? freeForTests : free).rename(file.name(), file.parsed());
            findings.set(at, new LoadFinding(said.severity(), said.code(), said.message() + " A free version: rename "
                    + file.shown() + " " + renamed + " (its down file alike, if it has one).", said.file(), said.line()));
        });
    }

    private void checkPlaceholders(String name, String content, List<LoadFinding> findings) {
        for (Placeholders.Use use : Placeholders.find(content)) {
            if (!placeholderNames.contains(use.name())) {
                findings.add(error(ErrorCode.UNKNOWN_PLACEHOLDER, name, use.line(), "uses the unknown placeholder ${"
                        + use.name() + "}. Define it with --placeholder " + use.name() + "=VALUE or under placeholders:"
                        + " in flotilla.yml (known: " + String.join(", ", new java.util.TreeSet<>(placeholderNames)) + ")."));
            }
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.UNREADABLE_FILE, "Cannot list the migrations folder " + folder + ": " + e);
        }
    }

    /** The file's text with BOM and CR removed, or null with an error added when it is not readable UTF-8. */
    private static String decode(SourceFile source, List<LoadFinding> findings) {
        if (source.content() == null) {
            findings.add(error(ErrorCode.UNREADABLE_FILE, source.shown(), 0, "cannot be read. Check its permissions."));
            return null;
        }
        try {
            String content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(source.content())).toString();
            return Checksums.normalize(content);
        } catch (CharacterCodingException e) {
            findings.add(error(ErrorCode.UNREADABLE_FILE, source.shown(), 0, "is not valid UTF-8 text (" + e.getMessage()
                    + "). Save it as UTF-8."));
            return null;
        }
    }

    private static LoadFinding error(ErrorCode code, String file, int line, String message) {
        return new LoadFinding(Severity.ERROR, code, message, file, line);
    }

    private record Read(String name, String shown, MigrationFileName parsed, String content) {
    }
}
