package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test result's long notice of tables without a history table (a walk of seed 000 found it) was said in full in
 * every group of the results, once for the tenants that failed and again for those that would pass: it is said once,
 * naming every tenant it concerns, and each group points to it.
 */
class WizardTestNoticePagesTest {
    private static final String NOTICED = "has 2 table(s) but no history table tenant_migrations yet";
    private final FinishedJobPages pages = new FinishedJobPages();

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void the_notice_of_tables_without_a_history_table_is_said_once_for_every_tenant_it_concerns() throws Exception {
        List<TenantDryRun> results = List.of(noticed("acme", true), noticed("delta", false), noticed("nord", false));
        String page = pages.render("wizard_test_result.jte", pages.finished(results.stream().map(TenantDryRun::tenant).toList(),
                results));
        String groups = page.substring(page.indexOf("<table id=\"test-groups\""), page.indexOf("</table>",
                page.indexOf("<table id=\"test-groups\"")));

        assertThat(page.split(java.util.regex.Pattern.quote(NOTICED), -1)).as("said once on the page").hasSize(2);
        assertThat(page).contains("id=\"test-notices\"", "3 tenant(s) (acme, delta, nord)",
                "`flotilla baseline --tenants acme,delta,nord --version V`");
        assertThat(groups).contains("relation \"serials\" already exists", "warning, no schema changes")
                .contains("see the notice above").doesNotContain(NOTICED);
    }

    @Test
    void a_tenant_warned_of_only_by_its_notice_says_so_beside_its_status_and_its_lint_notes_do_not_read_as_warnings()
            throws Exception {
        TenantDryRun noticed = noticed("delta", false);
        DryRunReport report = noticed.report();
        TenantDryRun withNote = new TenantDryRun(noticed.tenant(), noticed.target(), "t_delta", new DryRunReport(report.run(),
                "transaction", null, List.of(new dev.flotilla.lint.LintFinding("non-transactional-ddl",
                dev.flotilla.lint.LintSeverity.INFO, "commits each DDL statement by itself", "V1.sql", 1))), null, null);
        String page = pages.render("wizard_test_result.jte", pages.finished(List.of(withNote.tenant()), List.of(withNote)));
        String tenants = page.substring(page.indexOf("<table id=\"test-tenants\""));

        assertThat(page).contains("class=\"warn\">Success: ", ", 1 with a warning (why: below)");
        assertThat(tenants).contains("warning<br><small>its notice, above</small>")
                .contains("<small>[non-transactional-ddl] commits each DDL statement by itself</small>")
                .doesNotContain("class=\"warn\">[non-transactional-ddl]");
    }

    /** A dry run that noticed tables but no history table: failing where {@code fails}, else a warning. */
    private static TenantDryRun noticed(String id, boolean fails) {
        String target = "db (schema t_" + id + ")";
        Advice notice = Advice.of(target + " " + NOTICED + ": migrating from the first pending migration. If the schema"
                + " already has some migrations, record them first with ", Remedy.of("baseline", "--version", "V"), ".");
        String message = "V1.sql failed at statement 1 on " + target + ": relation \"serials\" already exists";
        List<MigrationRun> runs = fails ? List.of(new MigrationRun("1", "base", "V1.sql", MigrationKind.VERSIONED,
                MigrationRun.Outcome.FAILED, false, List.of(), 1, 1, ErrorCode.SQL_ERROR, Advice.plain(message))) : List.of();
        RunReport run = new RunReport("dry-run", target, "postgresql", runs, List.of(notice),
                fails ? List.of(new Problem(ErrorCode.SQL_ERROR, message, "1")) : List.of(), 5);
        return new TenantDryRun(TenantId.of(id), target, "t_" + id, new DryRunReport(run, "transaction", null, List.of()), null,
                null);
    }
}
