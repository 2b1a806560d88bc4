package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.MigrationFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Custom checks and scenarios on every database: since, seed 001's constraint scenarios, the step that missed. */
interface CustomChecksContract extends VerifyFixture {
    @Test
    default void custom_checks_with_since_are_skipped_until_the_target_reaches_that_migration() throws Exception {
        migrate(GOOD);
        Path checks = temp().resolve("checks");
        new MigrationFolder(checks).write("notes.sql", """
                -- since: 2
                -- check: no-note-without-company
                -- expect: empty
                SELECT id FROM notes WHERE company_id IS NULL;
                """);
        new MigrationFolder(checks).write("notes.scenario.sql", """
                -- scenario: a note needs a company
                -- since: 2
                -- expect: error not-null
                INSERT INTO notes (id, company_id, body) VALUES (1, NULL, 'x');
                -- scenario: a serial needs a company
                -- expect: error not-null
                INSERT INTO serials (id, company_id, serial_no) VALUES (9, NULL, 'x');
                """);
        VerifyOptions options = new VerifyOptions(Set.of("fk-orphans", "tenant-column", "row-counts", "history",
                "expected-objects", "index-usage", "rls-enabled", "rls-isolation", "fk-rules"), List.of(), null, null, List.of(),
                checks, null);

        List<CheckResult> before = verify(options, null, null, List.of(), null);
        files().write("V2__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, body VARCHAR(20));\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        List<CheckResult> after = verify(options, null, null, List.of(), null);

        assertThat(before).extracting(CheckResult::id, CheckResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a note needs a company", CheckStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("a serial needs a company", CheckStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("no-note-without-company", CheckStatus.SKIPPED));
        assertThat(before.get(0).message()).isEqualTo("not applicable yet: applies since migration 2, the target is at version 1");
        assertThat(after).as(after.toString()).extracting(CheckResult::status).containsOnly(CheckStatus.PASSED);
    }

    @Test
    default void seed_001s_constraint_scenarios_pass_on_the_examples_and_change_nothing() throws Exception {
        useMigrations(new MigrationFolder(EXAMPLES.resolve("tenant_migrations")));
        assertThat(flotilla().migrate().ok()).isTrue();
        RowCounts before = counts();
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null, List.of(), EXAMPLES.resolve("checks"), null);

        List<CheckResult> results = verify(options, before, null, List.of(), null);

        assertThat(results).extracting(CheckResult::id).contains("deleting a company deletes its serials (ON DELETE CASCADE)",
                "a serial needs a company (NOT NULL)", "a serial's company must exist (foreign key)",
                "settings-name-the-tenant", "no-serial-without-company");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(counts()).as("scenarios are rolled back").isEqualTo(before);
    }

    @Test
    default void a_scenario_names_the_step_that_missed_its_expectation() throws Exception {
        useMigrations(new MigrationFolder(EXAMPLES.resolve("tenant_migrations")));
        assertThat(flotilla().migrate().ok()).isTrue();
        Path checks = temp().resolve("checks");
        new MigrationFolder(checks).write("orphans.scenario.sql", """
                -- scenario: deleting users of an unknown company
                INSERT INTO companies (id, code, name) VALUES (990001, 'c', 'c');
                INSERT INTO users (id, company_id, email) VALUES (990001, 990001, 'a@b.c');
                -- expect: error foreign-key
                INSERT INTO users (id, company_id, email) VALUES (990002, 123456789, 'x@y.z');
                -- expect: value 1
                SELECT COUNT(*) FROM users WHERE company_id = 990001;
                -- expect: rows 5
                SELECT id FROM users WHERE company_id = 990001;
                """);
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null, List.of(), checks, null);

        CheckResult result = verify(options, null, null, List.of(), null).stream()
                .filter(r -> r.id().startsWith("deleting")).findFirst().orElseThrow();

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("orphans.scenario.sql:9: expected 5 row(s), got 1");
    }
}
