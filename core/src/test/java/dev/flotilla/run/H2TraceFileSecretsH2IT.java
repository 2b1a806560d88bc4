package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 writes a statement that fails (its values in it) to the trace file beside the database, {@code name.trace.db}:
 * Flotilla's connections to a tenant's H2 file switch that file off, unless the URL chooses its own trace level.
 */
class H2TraceFileSecretsH2IT {
    private static final String SECRET = "Pw-TraceS3cretXyz";

    @TempDir
    Path temp;

    @Test
    void a_failing_statement_quoting_a_secret_placeholder_is_not_kept_in_h2s_trace_file() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));

        RunReport run = migrateFailing("jdbc:h2:file:" + data.resolve("t1"), "sa");

        assertThat(run.ok()).isFalse();
        assertThat(files(data)).as("the database's file is there").isNotEmpty();
        // (The history row's error, in the database file, quotes the statement too: a record in the tenant's own database.)
        assertThat(files(data)).as("no trace file beside the database keeps the secret")
                .filteredOn(file -> file.getFileName().toString().endsWith(".trace.db"))
                .allSatisfy(file -> assertThat(bytes(file)).doesNotContain(SECRET));
    }

    @Test
    void a_trace_level_the_url_chooses_stands_and_still_connects() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));

        RunReport run = migrateFailing("jdbc:h2:file:" + data.resolve("t1") + ";trace_level_file=1", "sa");

        assertThat(run.migrations()).singleElement().satisfies(m -> assertThat(m.error()).contains("NOWHERE"));
        assertThat(data.resolve("t1.trace.db")).as("the user's own trace file, as asked").exists();
    }

    @Test
    void a_user_who_is_no_admin_connects_as_before() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String url = "jdbc:h2:file:" + data.resolve("t1");
        try (Connection admin = DriverManager.getConnection(url, "sa", ""); Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER app PASSWORD 'app-pw-123'");
            statement.execute("GRANT ALTER ANY SCHEMA TO app");
        }

        RunReport run = migrateFailing(url, "app");

        assertThat(run.migrations()).singleElement().satisfies(m -> assertThat(m.error()).contains("NOWHERE"));
    }

    private RunReport migrateFailing(String url, String user) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__grant.sql"), "INSERT INTO nowhere VALUES ('${db_password}');\n");
        dev.flotilla.target.Secret password = user.equals("sa") ? null : dev.flotilla.target.Secret.of("app-pw-123");
        TargetOptions options = new TargetOptions(new TargetSpec(url, user, password, null, null), folder,
                Map.of("db_password", SECRET), null, Duration.ofSeconds(60), null, null, null, "test");
        return new TargetRunner(options, new MigrationLoader(Set.of("db_password")).load(folder)).migrate();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static String bytes(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
