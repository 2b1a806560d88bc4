package dev.flotilla.migration;

import static dev.flotilla.migration.LoadFinding.error;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.FilesByVersion.Read;
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
        List<Read> decoded = new ArrayList<>();
        Set<String> names = new HashSet<>(sources.stream().map(SourceFile::name).toList());
        FilesByVersion files = new FilesByVersion(findings, names);
        for (SourceFile source : sources) {
            MigrationFileName parsed = parsedName(source, names, findings);
            String content = parsed == null ? null : decode(source, findings);
            if (content == null) {
                continue;
            }
            checkPlaceholders(source.shown(), content, findings);
            Read read = new Read(source.name(), source.shown(), parsed, content);
            decoded.add(read);
            if (parsed.hasValidVersion()) { // else its content is checked all the same: what is wrong inside is said with its name
                files.add(read);
            }
        }
        files.finish(testOnly);
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
        return new LoadedMigrations(files.migrations(), findings, Set.of(), paths);
    }

    /**
     * What {@code source}'s name says, its version checked; null, with a finding, when it is no migration's name or one
     * read wrongly (an ending not in lower case, one underscore after the version, an ambiguous down file).
     */
    private static MigrationFileName parsedName(SourceFile source, Set<String> names, List<LoadFinding> findings) {
        String name = source.name();
        String shown = source.shown();
        MigrationFileName parsed = MigrationFileName.parse(name, names::contains).orElse(null);
        if (parsed == null) {
            findings.add(notParsed(name, shown));
            return null;
        }
        String suffix = parsed.suffixInDescription().orElse(null);
        String renamed = MigrationFileName.lowerCaseEnding(name).orElse(name);
        if ("down".equals(suffix)) {
            findings.add(error(ErrorCode.BAD_FILE_NAME, shown, 0, "is named like a down file, but not in lower case, so"
                    + " it reads as a migration that would run forward. Rename it " + renamed + "."));
            return null;
        }
        String ambiguous = MigrationFileName.ambiguousDown(name, names::contains).orElse(null);
        if (ambiguous != null) {
            findings.add(error(ErrorCode.BAD_FILE_NAME, shown, 0, ambiguous));
            return null;
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
        return parsed;
    }

    /** What a file whose name parses as no migration's is: misnamed, if a rename would make it one; else ignored. */
    private static LoadFinding notParsed(String name, String shown) {
        String renamed = MigrationFileName.lowerCaseEnding(name).filter(n -> MigrationFileName.parse(n).isPresent())
                .orElse(null);
        String underscores = MigrationFileName.withTwoUnderscores(name)
                .filter(n -> MigrationFileName.parse(n).isPresent()).orElse(null);
        return renamed != null ? error(ErrorCode.BAD_FILE_NAME, shown, 0, "looks like a migration, but its"
                + " ending is not in lower case, so it would be ignored. Rename it " + renamed + ".")
                : underscores != null ? error(ErrorCode.BAD_FILE_NAME, shown, 0, "looks like a migration, but has"
                + " one underscore after its version, so it would be ignored. Rename it " + underscores + " (two"
                + " underscores between the version and the description, as Flyway names them), or move it out of"
                + " the migrations folder if it is none.")
                : new LoadFinding(Severity.WARNING, null, "does not look like a migration and is ignored; "
                + MigrationFileName.ACCEPTED + ".", shown, 0);
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
}
