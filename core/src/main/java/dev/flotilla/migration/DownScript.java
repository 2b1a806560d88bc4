package dev.flotilla.migration;

import java.util.Objects;

/** The script that undoes a migration: {@code U3__x.sql}, {@code x.down.sql}. */
public record DownScript(String script, String sql, String checksum) {
    public DownScript {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** Whether {@code fileName} is named as a down file ({@code U3__x.sql}, {@code V3__x.down.sql}, {@code 003_x.down.sql}). */
    public static boolean isNamed(String fileName) {
        return MigrationFileName.parse(fileName).map(MigrationFileName::role)
                .filter(r -> r == MigrationFileName.Role.DOWN || r == MigrationFileName.Role.REPEATABLE_DOWN).isPresent();
    }
}
