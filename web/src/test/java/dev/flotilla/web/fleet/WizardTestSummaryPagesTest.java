package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wizard's test result says what the console did, not what the command line would take: its structure-only note
 * named --sample-rows and --mode transaction, which the console has no control for; and "Success on all 4 tenant(s)"
 * counted tenants that had nothing to apply as tested.
 */
class WizardTestSummaryPagesTest {
    private final FinishedJobPages pages = new FinishedJobPages();

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void a_passing_test_counts_the_tenants_with_nothing_to_apply_apart_from_those_tested() throws Exception {
        String page = render(tenant("nord", true), tenant("sud", false), tenant("est", false));

        assertThat(page).contains("<strong id=\"test-summary\" class=\"ok\">Success: 1 tested, 2 had nothing to apply</strong>")
                .doesNotContain("Success on all");
    }

    @Test
    void a_test_where_every_tenant_applied_something_still_says_success_on_all() throws Exception {
        assertThat(render(tenant("nord", true), tenant("sud", true))).contains("Success on all 2 tenant(s)</strong>");
    }

    @Test
    void the_structure_only_note_says_what_the_console_does_and_names_the_command_for_more() throws Exception {
        String page = render(tenant("nord", true));
        String note = page.substring(page.indexOf("id=\"test-structure-only\""), page.indexOf("</p>", page.indexOf("id=\"test-structure-only\"")));

        assertThat(note).contains("1 tenant(s) tested on a structure-only copy (no rows)",
                "The console tests as flotilla.yml's <code>dryRun</code> settings say",
                "<code>flotilla dry-run --sample-rows N</code>")
                .doesNotContain("copy rows with --sample-rows N");
    }

    private String render(TenantDryRun... results) throws InterruptedException {
        List<TenantDryRun> list = List.of(results);
        return pages.render("wizard_test_result.jte", pages.finished(list.stream().map(TenantDryRun::tenant).toList(), list));
    }

    /** A passing test on a structure-only copy, of V2 where {@code applied}, of nothing where the tenant had it already. */
    private static TenantDryRun tenant(String id, boolean applied) {
        List<MigrationRun> runs = applied ? List.of(new MigrationRun("2", "serials", "V2.sql", MigrationKind.VERSIONED,
                MigrationRun.Outcome.APPLIED, true, List.of(), 3, null, null, null)) : List.of();
        RunReport run = new RunReport("dry-run", "t_" + id, "mariadb", runs, List.of(), List.of(), 5);
        return new TenantDryRun(TenantId.of(id), "t_" + id, "t_" + id,
                new DryRunReport(run, "clone", null, List.of(), List.of(), List.of(), null, applied), null, null);
    }
}
