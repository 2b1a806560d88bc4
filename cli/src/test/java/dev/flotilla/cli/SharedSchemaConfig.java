package dev.flotilla.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flotilla.yml of a shared-schema fleet for CLI tests: every tenant's rows in one database ({@link #schema a schema}
 * of it on PostgreSQL), migrations in the folder's {@code migrations}, backups off. Built as the test needs, then
 * {@link #writeIn written}.
 */
final class SharedSchemaConfig {
    private final List<String> tenancy = new ArrayList<>();
    private final List<String> deploy = new ArrayList<>(List.of("backup: false"));
    private String sections = "";

    private SharedSchemaConfig(String url) {
        tenancy.add("model: shared-schema");
        tenancy.add("url: " + url);
    }

    /** A fleet sharing the database at {@code url}. */
    static SharedSchemaConfig on(String url) {
        return new SharedSchemaConfig(url);
    }

    /** The schema its tenants share (PostgreSQL's schemaTemplate, one name for all). */
    SharedSchemaConfig schema(String schema) {
        return tenancy("schemaTemplate: " + schema);
    }

    SharedSchemaConfig user(String user) {
        return tenancy("user: " + user);
    }

    /** The environment variable the tenants' password is read from. */
    SharedSchemaConfig passwordEnv(String variable) {
        return tenancy("passwordEnv: " + variable);
    }

    /** One more line of the tenancy section ({@code tenantColumn: company_id}). */
    SharedSchemaConfig tenancy(String line) {
        tenancy.add(line);
        return this;
    }

    /** One more line of the deploy section, after {@code backup: false} ({@code lockTimeout: 10m}). */
    SharedSchemaConfig deploy(String line) {
        deploy.add(line);
        return this;
    }

    /** Whole sections after deploy's, as YAML ending with a new line ({@code checks:} and its lines). */
    SharedSchemaConfig sections(String yaml) {
        sections = yaml;
        return this;
    }

    /** Writes the file as {@code folder}'s flotilla.yml and returns its path. */
    Path writeIn(Path folder) throws IOException {
        Path config = folder.resolve("flotilla.yml");
        Files.writeString(config, text(), StandardCharsets.UTF_8);
        return config;
    }

    String text() {
        StringBuilder yaml = new StringBuilder("migrations: migrations\ntenancy:\n");
        tenancy.forEach(line -> yaml.append("  ").append(line).append('\n'));
        yaml.append("deploy:\n");
        deploy.forEach(line -> yaml.append("  ").append(line).append('\n'));
        return yaml.append(sections).toString();
    }
}
