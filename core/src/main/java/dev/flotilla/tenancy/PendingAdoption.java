package dev.flotilla.tenancy;

import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The adoption migration {@code flotilla tenancy adopt} wrote into the migrations folder and the target has not
 * applied yet ({@code V5__adopt_tenant_id.sql}, {@code 005_adopt_tenant_id.sql}): what {@code tenancy rls} names
 * when no table has the tenant column so far.
 */
final class PendingAdoption {
    private PendingAdoption() {
    }

    /** The description of the adoption of {@code column}, as the file's name carries it. */
    static String description(String column) {
        return "adopt_" + column.toLowerCase(Locale.ROOT);
    }

    /** The file's name, or null when the folder (null for none) holds no adoption of the column the target lacks. */
    static String file(TargetSession session, Path folder, String column) throws SQLException {
        if (folder == null || !Files.isDirectory(folder)) {
            return null;
        }
        Set<String> applied = session.history().read().stream().filter(AppliedMigration::success)
                .map(AppliedMigration::script).collect(Collectors.toSet());
        String suffix = description(column) + ".sql";
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("(?i)(V[^_]+__|\\d+_)" + Pattern.quote(suffix)))
                    .filter(name -> !applied.contains(name)).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
