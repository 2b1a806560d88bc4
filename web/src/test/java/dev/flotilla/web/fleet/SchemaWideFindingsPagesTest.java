package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.run.TenantVerification;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's dry-run and verify results say a schema-wide finding (one check of a schema the tenants share) in full
 * once per target, the next tenants of that target pointing above, as the command line does.
 */
class SchemaWideFindingsPagesTest {
    private static final String FINDING = "serials.company_id -> companies.id: ON DELETE NO ACTION, expected CASCADE "
            + CheckResult.SCHEMA_WIDE;
    private static final List<String> TENANTS = List.of("acme", "globex", "initech");
    private final FinishedJobPages pages = new FinishedJobPages();

    @AfterEach
    void stop() {
        pages.close();
    }

    @Test
    void a_dry_runs_schema_wide_finding_is_shown_once_for_the_tenants_sharing_the_schema() throws Exception {
        String page = render("wizard_test_result.jte", finished(tenant -> {
            Problem failed = new Problem(ErrorCode.CHECK_FAILED, "Check fk-rules failed on the dry run's result: " + FINDING, null);
            RunReport run = new RunReport("migrate", "db (schema east)", "postgresql", List.of(), List.of(), List.of(failed), 5);
            return new TenantDryRun(TenantId.of(tenant), "db (schema east)", "east", new DryRunReport(run, "transaction", null,
                    List.of()), null, null);
        }));
        // The groups above it say each group's outcome once already.
        String perTenant = page.substring(page.indexOf("id=\"test-tenants\""));

        assertThat(perTenant.split("expected CASCADE", -1)).as(perTenant).hasSize(2);
        assertThat(perTenant).contains("(schema-wide: checked once for the tenants of db (schema east))");
        assertThat(perTenant.split("the same schema-wide result as above, for the tenants of db \\(schema east\\)", -1))
                .as(perTenant).hasSize(3);
    }

    @Test
    void a_verifys_schema_wide_finding_is_shown_once_for_the_tenants_sharing_the_schema() throws Exception {
        String page = render("verify_result.jte", finished(tenant -> new TenantVerification(TenantId.of(tenant),
                "db (schema east)", List.of(new CheckResult("fk-rules", CheckStatus.FAILED, FINDING, List.of(), 3)), null, null)));

        assertThat(page.split("expected CASCADE", -1)).as(page).hasSize(2);
        assertThat(page.split("the same schema-wide result as above, for the tenants of db \\(schema east\\)", -1)).as(page)
                .hasSize(3);
    }

    /** A finished job holding a result for each of {@link #TENANTS}. */
    private <T> FleetJobs.Job<List<T>> finished(Function<String, T> result) throws InterruptedException {
        return pages.finished(TENANTS.stream().map(TenantId::of).toList(), TENANTS.stream().map(result).toList());
    }

    private String render(String template, FleetJobs.Job<?> job) {
        return pages.render(template, job);
    }
}
