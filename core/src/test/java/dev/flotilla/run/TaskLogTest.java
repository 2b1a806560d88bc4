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

        TaskLog.outcome(log, report, TenantId.of("m07"));

        assertThat(log.toString()).contains("notice: " + TARGET + " has a table named migrations: if Laravel migrated it,"
                + " take its history over first (`flotilla adopt --tenants m07 --from laravel`).\n",
                "record them first with `flotilla baseline --tenants m07 --version V`",
                "`flotilla adopt --tenants m07 --from laravel|table:NAME`");
        assertThat(String.join(" ", report.notices())).as("for one target").doesNotContain("--tenants")
                .contains("`flotilla adopt --from laravel`", "`flotilla baseline --version V`");
    }
}
