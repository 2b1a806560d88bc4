package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.DatabaseFile;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tenants' database files of a database-per-tenant tenancy whose URL template names a file: SQLite
 * ({@code jdbc:sqlite:/srv/tenants/{tenant}.db}) or H2 ({@code jdbc:h2:file:/srv/tenants/{tenant}}, whose file is
 * {@code {tenant}.mv.db}). The template's relative path is already resolved against the folder of flotilla.yml (as every
 * command reads it). {@code {tenant}} stands in the file's name, not in a folder's: the folder is listed, not walked.
 * What the databases leave beside their files (SQLite's {@code -journal}, {@code -wal}, {@code -shm}, Flotilla's own lock
 * file, H2's trace and lock files) is never a tenant; a SQLite candidate that is not empty and does not start with
 * SQLite's header is named among the ignored (most likely a backup or an export of another format).
 */
final class DatabaseFiles {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String H2_FILE = ".mv.db";
    private static final List<String> LEFT_BESIDE = List.of("-journal", "-wal", "-shm", ".flotilla-lock", ".lock.db",
            ".trace.db", ".tmp");

    private final String template;
    private final Path folder;
    private final String prefix;
    private final String suffix;
    private final boolean h2;

    private DatabaseFiles(String template, Path folder, String prefix, String suffix, boolean h2) {
        this.template = template;
        this.folder = folder;
        this.prefix = prefix;
        this.suffix = suffix;
        this.h2 = h2;
    }

    /** Whether {@code template} names a database file (SQLite or H2) rather than a database on a server. */
    static boolean names(String template) {
        return DatabaseFile.of(template).isPresent();
    }

    /** The files of {@code template} (the URL with {@code {tenant}}), read as a target's URL is ({@link DatabaseFile}). */
    static DatabaseFiles of(String template) {
        DatabaseFile database = DatabaseFile.of(template).orElseThrow();
        boolean h2 = "h2".equals(database.dialect());
        String name = database.path().getFileName().toString();
        name = h2 ? name.substring(0, name.length() - H2_FILE.length()) : name;
        Path folder = database.path().toAbsolutePath().normalize().getParent();
        if (!name.contains(Tenancy.TENANT) || folder.toString().contains(Tenancy.TENANT)) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Discovering the files of " + JdbcUrls.redact(template) + " is not"
                    + " supported yet: tenants discover lists one folder, and needs {tenant} in the file's name (e.g."
                    + " jdbc:sqlite:/srv/tenants/{tenant}.db). Register them with `flotilla tenants add ID --url URL`.");
        }
        int at = name.indexOf(Tenancy.TENANT);
        return new DatabaseFiles(template, folder, name.substring(0, at), name.substring(at + Tenancy.TENANT.length()), h2);
    }

    /** The folder listed, as {@link TenantDiscovery.Found#server} names it. */
    String where() {
        return folder.toString();
    }

    /** The template's part of the file name without H2's own ending, for the ids. */
    String nameTemplate() {
        return prefix + Tenancy.TENANT + suffix;
    }

    /**
     * The names of the folder's candidate files, as the template's file name (H2's {@code .mv.db} taken off), by name;
     * {@code ignored} takes the candidates that are not databases, with why.
     *
     * @param like a SQL LIKE pattern the names must match, or null for any
     */
    List<String> list(String like, List<String> ignored) {
        if (!Files.isDirectory(folder)) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The folder of tenancy.urlTemplate, " + folder + ", does not"
                    + " exist (or is not a folder): no tenant database can be there. Check the path in flotilla.yml (a"
                    + " relative one is read from the folder of flotilla.yml).");
        }
        Pattern matching = like == null ? null : likePattern(like);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (leftBeside(name) || (h2 && !name.endsWith(H2_FILE))) {
                    continue;
                }
                String asTemplated = h2 ? name.substring(0, name.length() - H2_FILE.length()) : name;
                if (!asTemplated.startsWith(prefix) || !asTemplated.endsWith(suffix)
                        || (matching != null && !matching.matcher(asTemplated).matches()) || !Files.isRegularFile(file)) {
                    continue;
                }
                String notADatabase = h2 ? null : notSqlite(file);
                if (notADatabase != null) {
                    ignored.add(name + ": " + notADatabase);
                } else {
                    names.add(asTemplated);
                }
            }
        } catch (IOException e) {
            throw unlistable(e);
        }
        return names;
    }

    /**
     * The folder that could not be listed, {@code e}'s words and {@code e} itself masked of the secrets the template's URL
     * holds (a file system's or a driver's message may quote it).
     */
    FlotillaException unlistable(IOException e) {
        return new FlotillaException(ErrorCode.BAD_CONFIG, "Could not list the folder of tenancy.urlTemplate, " + folder
                + ": " + e.getMessage() + ". Check that it can be read by this user.", e)
                .masked(new TargetSpec(template, null, null, null, null)::scrub);
    }

    private static boolean leftBeside(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return LEFT_BESIDE.stream().anyMatch(lower::endsWith) || lower.startsWith(".");
    }

    /** Why the file is not a SQLite database, or null when it is one (or empty: SQLite takes an empty file as one). */
    private static String notSqlite(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(SQLITE_HEADER.length);
            return start.length == 0 || Arrays.equals(start, SQLITE_HEADER) ? null
                    : "not a SQLite database (its first bytes are not SQLite's header), not taken for a tenant";
        } catch (IOException e) {
            return "could not be read (" + e.getMessage() + "), not taken for a tenant";
        }
    }

    /** A SQL LIKE pattern as a regular expression: {@code %} any run, {@code _} one character, the rest as written. */
    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%' || c == '_') {
                regex.append(Pattern.quote(literal.toString())).append(c == '%' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString(), Pattern.DOTALL);
    }
}
