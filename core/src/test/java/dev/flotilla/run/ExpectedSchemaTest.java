package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.testing.MigrationFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected schema's files are in the order the history applied them, replayed by as few migrates as keep it. */
class ExpectedSchemaTest {
    private static final String V1 = "V1__companies.sql";
    private static final String V2 = "V2__contact.sql";
    private static final String R = "R__company_emails.sql";

    @TempDir
    Path temp;

    private LoadedMigrations files() {
        new MigrationFolder(temp).write(V1, "CREATE TABLE companies (id INT, email VARCHAR(100));\n")
                .write(V2, "ALTER TABLE companies RENAME COLUMN email TO contact;\n")
                .write(R, "CREATE VIEW company_emails AS SELECT id, email FROM companies;\n");
        return new MigrationLoader(Set.of()).load(temp);
    }

    /** A history of the files named, applied in that order. */
    private static List<AppliedMigration> history(LoadedMigrations loaded, String... scripts) {
        List<AppliedMigration> rows = new ArrayList<>();
        for (String script : scripts) {
            Migration file = loaded.migrations().stream().filter(m -> m.script().equals(script)).findFirst().orElseThrow();
            rows.add(new AppliedMigration(rows.size() + 1, file.version() == null ? null : file.version().toString(),
                    file.description(), file.kind(), file.script(), file.checksum(), "test", Instant.now(), 0, true, null, null));
        }
        return rows;
    }

    private static ExpectedSchema expected(LoadedMigrations loaded, List<AppliedMigration> history) {
        return ExpectedSchema.of(loaded, history, Dialect.forUrl("jdbc:sqlite::memory:"), "acme", "acme", Map.of());
    }

    private static List<List<String>> replays(ExpectedSchema expected) {
        return expected.replays().stream().map(files -> files.stream().map(Migration::script).toList()).toList();
    }

    @Test
    void a_repeatable_applied_before_a_versioned_migration_is_replayed_before_it_in_a_migrate_of_its_own() {
        LoadedMigrations loaded = files();

        ExpectedSchema expected = expected(loaded, history(loaded, V1, R, V2));

        assertThat(expected.files()).extracting(Migration::script).containsExactly(V1, R, V2);
        assertThat(replays(expected)).containsExactly(List.of(V1, R), List.of(V1, R, V2));
    }

    @Test
    void a_version_applied_out_of_order_is_replayed_after_the_newer_one_by_a_migrate_of_its_own() {
        LoadedMigrations loaded = files();

        ExpectedSchema outOfOrder = expected(loaded, history(loaded, V2, V1));
        ExpectedSchema afterRepeatable = expected(loaded, history(loaded, V2, R, V1));

        // One migrate of both would run V1 first, as their versions go.
        assertThat(replays(outOfOrder)).containsExactly(List.of(V2), List.of(V2, V1));
        assertThat(replays(afterRepeatable)).containsExactly(List.of(V2, R), List.of(V2, R, V1));
    }

    @Test
    void repeatables_applied_last_are_replayed_in_one_migrate_under_a_key_of_their_own_order() {
        LoadedMigrations loaded = files();

        ExpectedSchema last = expected(loaded, history(loaded, V1, V2, R));
        ExpectedSchema between = expected(loaded, history(loaded, V1, R, V2));

        assertThat(replays(last)).containsExactly(List.of(V1, V2, R));
        assertThat(last.key()).as("another order, another expected schema").isNotEqualTo(between.key());
    }

    @Test
    void a_history_with_a_failed_migration_says_to_repair_it_in_words_a_fleet_tenant_can_run() {
        LoadedMigrations loaded = files();
        List<AppliedMigration> history = new ArrayList<>(history(loaded, V1));
        AppliedMigration ok = history(loaded, V1, V2).get(1);
        history.add(new AppliedMigration(2, ok.version(), ok.description(), ok.kind(), ok.script(), ok.checksum(), "test",
                Instant.now(), 0, false, 1, "failed"));

        String problem = expected(loaded, history).problem();

        assertThat(problem).contains("version 2 (contact) is recorded as failed", "`flotilla repair`")
                .doesNotContain("flotilla status");
        assertThat(dev.flotilla.plan.FleetCommands.forTenant(problem, dev.flotilla.tenant.TenantId.of("t07")))
                .contains("`flotilla repair --tenants t07`");
    }
}
