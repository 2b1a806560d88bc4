package dev.flotilla.migration;

import java.util.Objects;

/** The script that undoes a migration: {@code U3__x.sql}, {@code x.down.sql}. */
public record DownScript(String script, String sql, String checksum) {
    public DownScript {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(checksum, "checksum");
    }
}
