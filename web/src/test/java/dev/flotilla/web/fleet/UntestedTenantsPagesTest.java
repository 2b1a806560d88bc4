package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wizard's test result, as GET /wizard/test/{job} renders it, after a test whose scratch copy could not be made on a
 * tenant (CLONE_FAILED): nothing was tried there, so that tenant is counted and shown as not tested, apart from failures,
 * as the confirmation and the command line say it.
 */
class UntestedTenantsPagesTest {
    private static final String COPY_FAILED = "Copying the structure of jdbc:mariadb://db1:3306/bgerp_t_nord into a scratch"
            + " database for the dry run failed: Access denied for user 'app'@'%' to database 'flotilla_dry_1a2b'. Nothing of"
            + " the target changed.";
    private final FinishedJobPages pages = new FinishedJobPages();

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void a_tenant_whose_copy_could_not_be_made_is_counted_and_shown_as_not_tested_apart_from_one_that_failed()
            throws Exception {
        String page = render(onACopy("passed", null), onACopy("failed", failedMigration()), copyNotMade("nord"));
        String groups = page.substring(page.indexOf("id=\"test-groups\""), page.indexOf("id=\"test-tenants\""));

        assertThat(page).contains("<strong id=\"test-summary\" class=\"bad\">1 of 3 tenant(s) failed, 1 not tested</strong>",
                "id=\"test-untested\"", "1 tenant(s) not tested: the scratch copy could not be made (nord)",
                DryRunReport.COPY_NOT_MADE);
        assertThat(groups).contains("<td class=\"warn\">not tested</td>", "<td class=\"bad\">error</td>");
        assertThat(page).contains("<tr data-tenant=\"nord\"><td>nord</td><td class=\"warn\">not tested</td>");
    }

    @Test
    void a_test_whose_only_trouble_is_a_copy_not_made_says_no_tenant_failed() throws Exception {
        String page = render(onACopy("passed", null), copyNotMade("nord"));

        assertThat(page).contains("<strong id=\"test-summary\" class=\"warn\">1 of 2 tenant(s) not tested</strong>")
                .doesNotContain("failed</strong>", "class=\"bad\">error");
    }

    private String render(TenantDryRun... results) throws InterruptedException {
        List<TenantDryRun> list = List.of(results);
        return pages.render("wizard_test_result.jte", pages.finished(list.stream().map(TenantDryRun::tenant).toList(), list));
    }

    private static Problem failedMigration() {
        return new Problem(ErrorCode.SQL_ERROR, "V2.sql failed at statement 1: duplicate column", "2");
    }

    private static TenantDryRun copyNotMade(String id) {
        return onACopy(id, new Problem(ErrorCode.CLONE_FAILED, COPY_FAILED, null));
    }

    private static TenantDryRun onACopy(String id, Problem problem) {
        List<MigrationRun> runs = problem == null || problem.code() != ErrorCode.SQL_ERROR ? List.of()
                : List.of(new MigrationRun("2", "serials", "V2.sql", MigrationKind.VERSIONED, MigrationRun.Outcome.FAILED,
                        false, List.of(), 1, 1, ErrorCode.SQL_ERROR, Advice.plain(problem.message())));
        RunReport run = new RunReport("dry-run", "t_" + id, "mariadb", runs, List.of(),
                problem == null ? List.of() : List.of(problem), 5);
        return new TenantDryRun(TenantId.of(id), "t_" + id, "t_" + id,
                new DryRunReport(run, "clone", null, List.of(), List.of(), List.of(), null, false), null, null);
    }
}
