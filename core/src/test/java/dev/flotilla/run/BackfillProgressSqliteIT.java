package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill's progress lines, on SQLite files: the user's target's, not the scratch copies' nobody asked to fill. */
class BackfillProgressSqliteIT {
    @TempDir
    Path temp;

    @Test
    void a_migrate_shows_the_backfill_progress_and_the_expected_schema_built_on_a_scratch_copy_shows_none() {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__customers.sql", """
                CREATE TABLE customers (id INTEGER PRIMARY KEY, tenant_id TEXT);
                INSERT INTO customers (id) VALUES (1), (2), (3);
                -- flotilla:backfill table=customers column=tenant_id value='caps' key=id batch=2
                """);
        LoadedMigrations loaded = new MigrationLoader(Set.of()).load(files.path());
        TargetSpec tenant = new TargetSpec("jdbc:sqlite:" + temp.resolve("t1.db"), null, null, null, "tenant_migrations");
        TargetOptions options = TargetOptions.of(tenant, files.path());

        try (BackfillLines lines = BackfillLines.listen()) {
            assertThat(new TargetRunner(options, loaded).migrate().ok()).isTrue();
            List<String> byMigrate = lines.take();
            ReferenceSchema.build(options, ExpectedSchema.ofAll(loaded, Dialect.forUrl(tenant.url()), "t1"), tenant, "t1");

            assertThat(byMigrate).as("the user's own backfill").singleElement().asString()
                    .contains("backfill customers.tenant_id: 3 of 3 row(s)");
            assertThat(lines.take()).as("the expected schema's replay on a scratch copy backfilled nothing the user asked for")
                    .isEmpty();
        }
    }
}
