package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.lint.LintFinding;
import dev.flotilla.lint.LintSeverity;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the control plane keeps of a tenant's dry run beside its status (V28): its time, and why it was a warning, said as
 * its notices and lint warnings were (lint notes never make one), so the tenant's page and the dry run's can say why.
 */
class DryRunWarningTextTest {
    private static final String TARGET = "db (schema t_acme)";

    @Test
    void a_warning_keeps_its_notice_and_its_lint_warnings_one_a_line_and_its_time() {
        RunReport run = new RunReport("dry-run", TARGET, "postgresql", List.of(), List.of(TablesWithoutHistory.whenMigrating(
                TARGET, 2, "tenant_migrations")), List.of(), 37);
        TenantDryRun warned = new TenantDryRun(TenantId.of("acme"), TARGET, "t_acme", new DryRunReport(run, "transaction", null,
                List.of(new LintFinding("lock-risk", LintSeverity.WARNING, "ALTER TABLE serials locks it", "V2.sql", 1, null),
                        new LintFinding("style", LintSeverity.INFO, "a note", "V2.sql", 2, null))), null, null);

        FleetDryRunRecord.Outcome outcome = DryRunRecords.outcomes(List.of(warned)).get(TenantId.of("acme"));

        assertThat(outcome.status()).isEqualTo("warning");
        assertThat(outcome.millis()).isEqualTo(37L);
        assertThat(outcome.warning().lines().toList()).hasSize(2);
        assertThat(outcome.warning()).startsWith(run.notices().get(0)).endsWith("\n[lock-risk] ALTER TABLE serials locks it")
                .doesNotContain("a note");
    }

    @Test
    void a_success_with_only_a_lint_note_keeps_no_warning() {
        RunReport run = new RunReport("dry-run", TARGET, "postgresql", List.of(), List.of(), List.of(), 5);
        TenantDryRun passed = new TenantDryRun(TenantId.of("acme"), TARGET, "t_acme", new DryRunReport(run, "transaction", null,
                List.of(new LintFinding("style", LintSeverity.INFO, "a note", "V2.sql", 2, null))), null, null);

        assertThat(passed.status()).isEqualTo("success");
        assertThat(passed.warning()).isNull();
        assertThat(passed.millis()).isEqualTo(5L);
    }
}
