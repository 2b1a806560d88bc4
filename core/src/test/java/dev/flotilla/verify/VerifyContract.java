package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TargetFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in check passes on a good schema and fails, naming table, column and count, on a broken one;
 * seed 001's constraint scenarios (shipped in examples/checks) pass. Each database's {@code *IT} supplies
 * a fresh target and the one thing that differs: how to sneak an orphan row past its foreign keys. The tests of
 * each check are in the themed contracts this class implements; what they share is {@link VerifyFixture}.
 */
abstract class VerifyContract extends TargetFixture implements VerifyFixture, ForeignKeyChecksContract, TenantColumnChecksContract,
        DeployedSchemaChecksContract, IndexUsageChecksContract, CustomChecksContract {
    @Test
    void a_good_schema_passes_every_check_that_applies() throws Exception {
        migrate(GOOD);

        List<CheckResult> results = verify(ALL, counts(), flotilla().migrations(), List.of("1"), null);

        assertThat(results).extracting(CheckResult::id).containsExactly("fk-orphans", "fk-rules", "tenant-column",
                "row-counts", "history", "expected-objects", "index-usage", "rls-enabled", "rls-isolation");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(results.get(5).status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(results.get(3).message()).isEqualTo("no rows lost: " + tablesWithHistory() + " table(s) held 4 row(s) before"
                + " the migrations, none fewer after");
    }

    /** The history table is a table of the target too, counted by row-counts. */
    int tablesWithHistory() {
        return 2;
    }

    @Test
    void row_counts_name_the_table_that_lost_rows() throws Exception {
        migrate(GOOD);
        RowCounts before = counts();
        sql("DELETE FROM serials WHERE id = 2");

        CheckResult result = verify(ALL, before, null, List.of(), null).stream()
                .filter(r -> r.id().equals("row-counts")).findFirst().orElseThrow();

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("serials: 2 row(s) before, 1 after (1 lost)");
    }

    @Test
    void row_counts_say_plainly_when_a_tenant_had_no_rows_to_lose_or_no_table_of_its_own_yet() throws Exception {
        migrate(GOOD);
        TenantScope noRowsYet = new TenantScope("company_id", "7");
        TenantScope beforeAdoption = new TenantScope("tenant_id", "caps-automotive");

        CheckResult empty = rowCounts(verify(ALL, counts(noRowsYet), noRowsYet));
        CheckResult untold = rowCounts(verify(ALL, counts(beforeAdoption), beforeAdoption));

        assertThat(empty.message()).isEqualTo("no rows of 7 to lose: 1 table(s) with company_id held none of its rows before"
                + " the migrations");
        assertThat(untold.message()).as("not \"0 rows of caps-automotive (0 table(s), 0 row(s) before)\"").isEqualTo("no rows"
                + " of caps-automotive to compare: no table had tenant_id before the migrations, so none of its rows could be"
                + " counted apart; those tables are compared whole, as shared by all tenants");
        assertThat(List.of(empty, untold)).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
    }

    private static CheckResult rowCounts(List<CheckResult> results) {
        return results.stream().filter(r -> r.id().equals("row-counts")).findFirst().orElseThrow();
    }
}
