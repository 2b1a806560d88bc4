package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** index-usage on every database: a query no index serves, one not applicable yet, one whose table is missing. */
interface IndexUsageChecksContract extends VerifyFixture {
    @Test
    default void index_usage_names_a_query_no_index_serves() throws Exception {
        migrate(GOOD);
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null,
                VerifyOptions.IndexQuery.always("SELECT * FROM serials WHERE company_id = 1",
                        "SELECT * FROM companies WHERE code = 'a'"), null, null);

        CheckResult result = check("index-usage", options);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p).contains("code = 'a'", "scans", "companies", "without an index"));
    }

    /** Seed 001's fleet: a query about a table of a later migration, checked where that migration is applied only. */
    @Test
    default void index_usage_skips_a_query_before_the_migration_creating_its_table_and_runs_it_after() throws Exception {
        migrate(GOOD);
        VerifyOptions later = new VerifyOptions(Set.of(), List.of(), null, null, List.of(
                new VerifyOptions.IndexQuery("SELECT * FROM notes WHERE body = 'x'", new Since("2"))), null, null);
        VerifyOptions mixed = new VerifyOptions(Set.of(), List.of(), null, null, List.of(
                new VerifyOptions.IndexQuery("SELECT * FROM serials WHERE company_id = 1", null),
                new VerifyOptions.IndexQuery("SELECT * FROM notes WHERE body = 'x'", new Since("2"))), null, null);

        CheckResult skipped = check("index-usage", later);
        CheckResult passed = check("index-usage", mixed);
        files().write("V2__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, body VARCHAR(20));\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        CheckResult applied = check("index-usage", mixed);

        assertThat(skipped.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(skipped.message()).isEqualTo("not applicable yet: applies since migration 2, the target is at version 1");
        assertThat(passed.status()).as(passed.message()).isEqualTo(CheckStatus.PASSED);
        assertThat(passed.message()).contains("1 quer(ies) use an index", "1 not applicable yet");
        assertThat(applied.status()).as("run once version 2 is applied").isEqualTo(CheckStatus.FAILED);
        assertThat(applied.problems()).singleElement().satisfies(p -> assertThat(p).contains("body = 'x'", "scans", "notes"));
    }

    @Test
    default void index_usage_names_a_query_whose_table_does_not_exist_and_how_to_apply_it_later() throws Exception {
        migrate(GOOD);
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null, VerifyOptions.IndexQuery.always(
                "SELECT * FROM notification_configurations WHERE company_id = 1", "SELECT * FROM companies WHERE code = 'a'"),
                null, null);

        CheckResult result = check("index-usage", options);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).as("each query alone").hasSize(2);
        assertThat(result.problems().get(0)).contains("notification_configurations", "could not be explained",
                "since: VERSION");
        assertThat(result.problems().get(1)).contains("companies", "without an index");
    }
}
