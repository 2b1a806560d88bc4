package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fleet of H2 schemas of one in-memory database for CLI tests: schema-per-tenant as user sa, each tenant's schema
 * named as the tenant, no backups.
 */
final class H2Fleet {
    /** One at a time, unless the flags say otherwise. */
    static final String ONE_AT_A_TIME = "  concurrency: 1\n  perServer: 1\n";

    private H2Fleet() {
    }

    /**
     * Writes the {@code migrations} (file name to SQL) into {@code folder}/migrations and a flotilla.yml on {@code url}
     * whose deploy section also holds the {@code deploy} lines (indented by two), then registers the {@code tenants}.
     *
     * @return the flotilla.yml's path, for --config
     */
    static String create(Path folder, String url, String deploy, Map<String, String> migrations, List<String> tenants)
            throws IOException {
        Path folderOfMigrations = Files.createDirectories(folder.resolve("migrations"));
        for (Map.Entry<String, String> migration : migrations.entrySet()) {
            Files.writeString(folderOfMigrations.resolve(migration.getKey()), migration.getValue(), StandardCharsets.UTF_8);
        }
        Files.writeString(folder.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: schema-per-tenant
                  url: "%s"
                  schemaTemplate: "{tenant}"
                  user: sa
                deploy:
                %s  backup: false
                """.formatted(url, deploy), StandardCharsets.UTF_8);
        String config = folder.resolve("flotilla.yml").toString();
        for (String tenant : tenants) {
            assertThat(CliRun.of("tenants", "add", tenant, "--config", config).exitCode()).isZero();
        }
        return config;
    }
}
