package dev.flotilla.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TaskResult;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "The engine as a library" examples, run as written on PostgreSQL: every line of the README's Java
 * blocks must be a line of this file (so the README cannot drift from code that compiles and runs), and the examples'
 * methods are below, called as an application would, from outside Flotilla's packages.
 */
class ReadmeLibraryExamplesIT {
    private static final Path README = Path.of("..", "README.md");
    private final List<TargetSpec> created = new ArrayList<>();

    @TempDir
    Path folder;

    @AfterEach
    void dropSchemas() {
        created.forEach(TestDatabases::drop);
    }

    // --- the README's first block ---
    static RunReport migrateOneTarget(String url, String user, Secret password, String schema, Path migrations) {
        TargetSpec target = new TargetSpec(url, user, password, schema, null);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, migrations));
        List<Problem> problems = flotilla.validate();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0).code() + ": " + problems.get(0).advice().text());
        }
        RunReport report = flotilla.migrate();
        for (MigrationRun run : report.migrations()) {
            System.out.println(run.version() + " " + run.description() + ": " + run.outcome() + " in " + run.millis() + " ms");
        }
        return report;
    }
    // --- end of the first block ---

    // --- the README's second block ---
    static DeployResult deployFleet(String serverUrl, String user, Secret password, String schemaTemplate,
                                    Path controlPlaneFolder, Path migrations) {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(controlPlaneFolder), ControlPlane.EMBEDDED_USER, null)) {
            plane.tenants().addMissing(List.of(
                    new Tenant(TenantId.of("acme"), "Acme Inc.", null, null, List.of("eu")),
                    new Tenant(TenantId.of("globex"), "Globex", null, null, List.of("us"))));
            Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, serverUrl, null, schemaTemplate, user, password, null);
            List<TenantTarget> targets = plane.tenants().all().stream()
                    .map(registered -> TenantTarget.of(registered.tenant(), tenancy)).toList();
            LoadedMigrations files = new MigrationLoader(Set.of()).load(migrations);
            FleetOptions options = FleetOptions.defaults().withActor("release-pipeline");
            FleetListener progress = new FleetListener() {
                @Override
                public void taskFinished(TaskResult result) {
                    System.out.println(result.tenant().value() + ": " + result.status() + " " + result.applied());
                }
            };
            return new FleetRunner(plane, TargetOptions.of(null, migrations), files, options, progress).deploy(targets);
        }
    }
    // --- end of the second block ---

    @Test
    void the_readme_shows_this_files_code_line_for_line() throws IOException {
        List<String> readmeLines = javaBlocksOfLibrarySection(Files.readString(README));
        List<String> ownLines = Files.readAllLines(Path.of("src/test/java/dev/flotilla/library/ReadmeLibraryExamplesIT.java"))
                .stream().map(String::strip).toList();

        assertThat(readmeLines).as("the README's library examples").hasSizeGreaterThan(20);
        assertThat(ownLines).as("every line of the README's library examples is a line of this test")
                .containsAll(readmeLines);
    }

    @Test
    void one_target_migrates_and_a_failed_statement_is_in_the_report_not_thrown() {
        String schema = "flt_lib_" + TestDatabases.uniqueName();
        created.add(TestDatabases.postgres(schema));
        Path migrations = new MigrationFolder(folder.resolve("one"))
                .write("V1__customers.sql", "CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL);")
                .write("V2__email.sql", "ALTER TABLE customers ADD COLUMN email TEXT;").path();

        RunReport report = migrateOneTarget(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null, schema, migrations);

        assertThat(report.ok()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("1", "2");

        new MigrationFolder(migrations).write("V3__broken.sql", "ALTER TABLE no_such_table ADD COLUMN x INT;");
        RunReport failed = migrateOneTarget(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null, schema, migrations);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.migrations()).extracting(MigrationRun::version, MigrationRun::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("3", MigrationRun.Outcome.FAILED));
        assertThat(failed.migrations().get(0).advice().text()).contains("no_such_table");
    }

    @Test
    void a_refused_login_is_thrown_with_its_error_code() {
        String schema = "flt_lib_" + TestDatabases.uniqueName();
        Path migrations = new MigrationFolder(folder.resolve("refused"))
                .write("V1__customers.sql", "CREATE TABLE customers (id BIGINT PRIMARY KEY);").path();

        assertThatThrownBy(() -> migrateOneTarget(TestDatabases.POSTGRES_URL, "flt_lib_nobody", Secret.of("wrong-password"),
                schema, migrations))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isIn(
                        ErrorCode.AUTHENTICATION_FAILED, ErrorCode.CONNECTION_FAILED))
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void a_fleet_deploys_to_every_registered_tenant() {
        String prefix = "flt_lib_" + TestDatabases.uniqueName() + "_";
        created.add(TestDatabases.postgres(prefix + "acme"));
        created.add(TestDatabases.postgres(prefix + "globex"));
        Path migrations = new MigrationFolder(folder.resolve("fleet"))
                .write("V1__customers.sql", "CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL);").path();

        DeployResult result = deployFleet(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null, prefix + "{tenant}",
                folder.resolve("control"), migrations);

        assertThat(result.ok()).isTrue();
        assertThat(result.tasks()).extracting(t -> t.tenant().value(), TaskResult::status, TaskResult::applied)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("acme", TaskStatus.SUCCEEDED, List.of("1")),
                        org.assertj.core.groups.Tuple.tuple("globex", TaskStatus.SUCCEEDED, List.of("1")));

        DeployResult again = deployFleet(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null, prefix + "{tenant}",
                folder.resolve("control"), migrations);
        assertThat(again.ok()).isTrue();
        assertThat(again.tasks()).allSatisfy(t -> assertThat(t.applied()).isEmpty());
    }

    /** The stripped, non-blank lines of the ```java blocks between "### The engine as a library" and the next heading. */
    static List<String> javaBlocksOfLibrarySection(String readme) {
        int start = readme.indexOf("\n## The engine as a library");
        assertThat(start).as("the README's library section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> lines = new ArrayList<>();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        }
        return lines;
    }
}
