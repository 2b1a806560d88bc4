package dev.flotilla.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database-per-tenant fleet of embedded files for CLI tests: a flotilla.yml in a temporary folder (control
 * plane embedded beside it), one SQLite file {@code data/t_<tenant>.db} or H2 file {@code data/t_<tenant>} each.
 */
final class EmbeddedFleet {
    final Path folder;
    final Path config;
    final boolean h2;

    private EmbeddedFleet(Path folder, boolean h2) throws IOException {
        this.folder = folder;
        this.h2 = h2;
        this.config = folder.resolve("flotilla.yml");
        Files.createDirectories(folder.resolve("migrations"));
        Files.createDirectories(folder.resolve("data"));
        String template = h2 ? "jdbc:h2:file:" + folder.resolve("data") + "/t_{tenant}"
                : "jdbc:sqlite:" + folder.resolve("data") + "/t_{tenant}.db";
        Files.writeString(config, """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "%s"
                  user: sa
                backup:
                  dir: backups
                deploy:
                  backup: false
                """.formatted(template), StandardCharsets.UTF_8);
        migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
                + "INSERT INTO notes VALUES (1, 'first');\n");
        migration("V2__tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY, name VARCHAR(20));\n");
    }

    static EmbeddedFleet sqlite(Path folder) throws IOException {
        return new EmbeddedFleet(folder, false);
    }

    static EmbeddedFleet h2(Path folder) throws IOException {
        return new EmbeddedFleet(folder, true);
    }

    void migration(String name, String sql) throws IOException {
        Files.writeString(folder.resolve("migrations").resolve(name), sql, StandardCharsets.UTF_8);
    }

    /** The tenant's database file, as the driver names it on disk. */
    Path file(String tenant) {
        return folder.resolve("data").resolve("t_" + tenant + (h2 ? ".mv.db" : ".db"));
    }

    String url(String tenant) {
        return h2 ? "jdbc:h2:file:" + folder.resolve("data").resolve("t_" + tenant) : "jdbc:sqlite:" + file(tenant);
    }

    Connection connect(String tenant) throws SQLException {
        return DriverManager.getConnection(url(tenant), "sa", "");
    }

    CliRun run(String... args) {
        return CliRun.withConfig(java.util.Map.of(), config, args);
    }
}
