package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskLogTest {
    private static final String TARGET = "db (schema t_m07)";

    @Test
    void the_notices_of_a_tenants_task_log_name_the_tenant_in_the_commands_they_give() {
        RunReport report = new RunReport("migrate", TARGET, "postgresql", List.of(), List.of(
                TablesWithoutHistory.laravelTable(TARGET), TablesWithoutHistory.whenMigrating(TARGET, 2, "tenant_migrations")),
                List.of(), 5);
        StringBuilder log = new StringBuilder();

        TaskLog.outcome(log, report, List.of(TenantId.of("m07")), "d-12");

        assertThat(log.toString()).contains("notice: " + TARGET + " has a table named migrations: if Laravel migrated it,"
                + " take its history over first (`flotilla adopt --tenants m07 --from laravel`).\n",
                "record them first with `flotilla baseline --tenants m07 --version V`",
                "`flotilla adopt --tenants m07 --from laravel|table:NAME`");
        assertThat(String.join(" ", report.notices())).as("for one target").doesNotContain("--tenants")
                .contains("`flotilla adopt --from laravel`", "`flotilla baseline --version V`");
    }

    @Test
    void the_log_of_tenants_sharing_a_target_gives_the_commands_for_all_of_them() {
        RunReport report = new RunReport("migrate", TARGET, "postgresql", List.of(), List.of(
                TablesWithoutHistory.whenMigrating(TARGET, 2, "tenant_migrations")), List.of(), 5);
        MigrationRun failed = new MigrationRun("2", "m", "V2__m.sql", dev.flotilla.migration.MigrationKind.VERSIONED,
                MigrationRun.Outcome.FAILED, false, List.of(), 1, 2, dev.flotilla.ErrorCode.SQL_ERROR,
                dev.flotilla.plan.Advice.of("V2__m.sql failed at statement 2: undo it and run ",
                        dev.flotilla.plan.Remedy.of("repair", "--rerun-from-start"), "."));
        StringBuilder log = new StringBuilder();
        List<TenantId> sharing = List.of(TenantId.of("a1"), TenantId.of("b2"), TenantId.of("c3"));

        TaskLog.migration(log, failed, sharing, "d-12");
        TaskLog.outcome(log, report, sharing, "d-12");

        assertThat(log.toString()).contains("  error: V2__m.sql failed at statement 2: undo it and run `flotilla repair"
                + " --tenants a1,b2,c3 --rerun-from-start`.\n", "record them first with `flotilla baseline --tenants a1,b2,c3"
                + " --version V`").doesNotContain("--tenants a1 ");
    }

    @Test
    void a_statement_timeouts_line_names_the_deployment_its_retry_is_for_not_a_placeholder() {
        MigrationRun timedOut = new MigrationRun("3", "slow", "V3__slow.sql", dev.flotilla.migration.MigrationKind.VERSIONED,
                MigrationRun.Outcome.FAILED, false, List.of(), 400, 3, dev.flotilla.ErrorCode.STATEMENT_TIMEOUT,
                dev.flotilla.plan.Advice.of("V3__slow.sql ran longer than the statement timeout. Give it more time (",
                        dev.flotilla.plan.Remedy.of("deploy", "--retry-failed", dev.flotilla.plan.Remedy.THIS_DEPLOYMENT,
                                "--statement-timeout", "1h"), ")."));
        RunReport report = new RunReport("migrate", TARGET, "postgresql", List.of(), List.of(), List.of(
                new dev.flotilla.plan.Problem(dev.flotilla.ErrorCode.STATEMENT_TIMEOUT, timedOut.advice(), "3", null)), 5);
        StringBuilder log = new StringBuilder();

        TaskLog.migration(log, timedOut, List.of(TenantId.of("m07")), "d-12");
        TaskLog.outcome(log, report, List.of(TenantId.of("m07")), "d-12");

        assertThat(log.toString()).contains("  error: V3__slow.sql ran longer than the statement timeout. Give it more time"
                + " (`flotilla deploy --retry-failed d-12 --statement-timeout 1h`).\n",
                "error: V3__slow.sql ran longer than the statement timeout. Give it more time (`flotilla deploy"
                + " --retry-failed d-12 --statement-timeout 1h`).\n").doesNotContain(" ID ");
    }
}
