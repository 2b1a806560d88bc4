package dev.flotilla.migration;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a new migration and its down file into a folder, named in the folder's own style (Flyway
 * {@code V4__x.sql} with {@code U4__x.sql}, numbered {@code 004_x.sql} with {@code 004_x.down.sql}, or
 * golang-migrate {@code 000004_x.up.sql}) with the next version: the newest one with its last number raised
 * by one, keeping its width; or, where the newest reads as a date or time (Laravel's {@code 2025_11_06_143000_x.sql},
 * {@code 2025_11_x.sql}), now in the same shape, or the next valid month, day or second when now would not sort
 * after it. Never overwrites a file.
 */
public final class NewMigrationFiles {
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)$");
    private static final Pattern DESCRIPTION = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    /** The files written. */
    public record Written(String version, Path up, Path down) {
    }

    private NewMigrationFiles() {
    }

    /**
     * @param version the version to use; null for the next one after the newest in the folder ({@code 1} in an empty one)
     */
    public static Written write(Path folder, String description, String up, String down, String version) {
        return write(folder, description, up, down, version, LocalDateTime.now());
    }

    /**
     * The same into the first of {@code folders}, with a version above every migration of its folders (test-only ones
     * aside: a production file numbered after 988 of a test folder would be 989).
     */
    public static Written write(MigrationFolders folders, String description, String up, String down, String version) {
        return write(folders.first(), folders.folders(), description, up, down, version, LocalDateTime.now());
    }

    static Written write(Path folder, String description, String up, String down, String version, LocalDateTime now) {
        return write(folder, List.of(folder), description, up, down, version, now);
    }

    private static Written write(Path folder, List<Path> versionsFrom, String description, String up, String down,
                                 String version, LocalDateTime now) {
        if (!DESCRIPTION.matcher(description).matches()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A migration description is letters, digits and '_', was '"
                    + description + "'");
        }
        List<Existing> existing = versionsFrom.stream().flatMap(f -> existing(f).stream()).toList();
        Optional<Existing> newest = existing.stream().max(Comparator.comparing(Existing::version));
        String versionText = version != null ? version : newest.map(e -> next(e.name().versionText(), now)).orElse("1");
        MigrationVersion parsed = parse(versionText);
        existing.stream().filter(e -> e.version().equals(parsed)).findFirst().ifPresent(e -> {
            throw new FlotillaException(ErrorCode.DUPLICATE_VERSION, "Version " + versionText + " is taken by " + e.file()
                    + " in " + versionsFrom.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                    + ". Choose another with --version.");
        });
        String[] names = names(newest.map(Existing::file).orElse("V"), versionText, description);
        String upName = names[0];
        String downName = names[1];
        try {
            Files.createDirectories(folder);
            Path upFile = folder.resolve(upName);
            Path downFile = folder.resolve(downName);
            Files.writeString(upFile, up, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.writeString(downFile, down, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            } catch (IOException e) {
                Files.deleteIfExists(upFile);
                throw e;
            }
            return new Written(versionText, upFile, downFile);
        } catch (FileAlreadyExistsException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, e.getFile() + " exists already; nothing was written.");
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.UNREADABLE_FILE, "Cannot write the migration into " + folder + ": " + e);
        }
    }

    /** The up and down file names in the style of {@code newest}'s name. */
    private static String[] names(String newest, String version, String description) {
        if (newest.startsWith("V")) {
            return new String[] {"V" + version + "__" + description + ".sql", "U" + version + "__" + description + ".sql"};
        }
        String stem = version + "_" + description;
        if (newest.endsWith(".up.sql") && !INTEGER.matcher(version).matches()) {
            throw new FlotillaException(ErrorCode.INVALID_VERSION, "A golang-migrate name (" + newest + ") has one integer"
                    + " as its version, the digits before the first '_', so " + stem + ".up.sql would read as version "
                    + version.split("[._]")[0] + ", not " + version + ". Give --version as one integer (e.g. "
                    + version.replaceAll("[._]", "") + "); nothing was written.");
        }
        return newest.endsWith(".up.sql") ? new String[] {stem + ".up.sql", stem + ".down.sql"}
                : new String[] {stem + ".sql", stem + ".down.sql"};
    }

    private static MigrationVersion parse(String versionText) {
        try {
            return MigrationVersion.parse(versionText);
        } catch (RuntimeException e) {
            throw new FlotillaException(ErrorCode.INVALID_VERSION, "Not a version: '" + versionText
                    + "'. Write digits separated by '.' or '_', e.g. 4 or 2025_11.");
        }
    }

    /**
     * The version after {@code text}: one that reads as a timestamp is followed by a valid one in its shape
     * ({@link TimestampVersion}), any other by its last number plus one, as wide as it was.
     */
    static String next(String text, LocalDateTime now) {
        return TimestampVersion.next(text, now).orElseGet(() -> raiseLastNumber(text));
    }

    private static String raiseLastNumber(String text) {
        Matcher matcher = LAST_NUMBER.matcher(text);
        if (!matcher.find()) {
            return text + "1";
        }
        String digits = matcher.group(1);
        String raised = new java.math.BigInteger(digits).add(java.math.BigInteger.ONE).toString();
        String padded = "0".repeat(Math.max(0, digits.length() - raised.length())) + raised;
        return text.substring(0, matcher.start()) + padded;
    }

    private record Existing(String file, MigrationFileName name, MigrationVersion version) {
    }

    private static List<Existing> existing(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted()
                    .flatMap(file -> MigrationFileName.parse(file).stream()
                            .filter(n -> n.role() == MigrationFileName.Role.UP && n.hasValidVersion())
                            .map(n -> new Existing(file, n, n.version())))
                    .toList();
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.UNREADABLE_FILE, "Cannot list " + folder + ": " + e);
        }
    }
}
