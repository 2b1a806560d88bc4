package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.DownScript;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failed record's error, kept as text in the history, in the plan's message: as it was for one target, and with the
 * commands it names written for a fleet tenant, as the plan's own are.
 */
class RecordedErrorTest {
    private static final TenantId M07 = TenantId.of("m07");
    private final List<AppliedMigration> history = new ArrayList<>();

    private static Migration file(String version) {
        return new Migration(MigrationVersion.parse(version), "m" + version, "V" + version + "__m.sql",
                MigrationKind.VERSIONED, "c" + version, "SELECT 1", (DownScript) null);
    }

    private void record(String version, MigrationKind kind, boolean success, Integer failedAt, String error) {
        String script = (kind == MigrationKind.UNDO ? "U" : "V") + version + "__m.sql";
        history.add(new AppliedMigration(history.size() + 1, version, "m" + version, kind, script, "c" + version, "test",
                Instant.now(), 1, success, failedAt, error));
    }

    private Problem problem() {
        List<Problem> problems = TargetPlan.of(new LoadedMigrations(List.of(file("1"), file("2")), List.of()), history,
                "tenant_a").problems(ValidationPolicy.STRICT);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void a_failed_statement_1_whose_record_says_to_repair_says_it_once_with_the_fleet_tenant() {
        String recorded = "V1__m.sql failed at statement 1 of 2 (line 1) on tenant_a: boom. No statement of it was applied,"
                + " but the target is recorded as failed at statement 1: nothing more runs on it until `flotilla repair`"
                + " clears the record; fix the script first.";
        record("1", MigrationKind.VERSIONED, false, 1, recorded);

        Problem problem = problem();

        assertThat(problem.message()).as("for one target, as recorded, said once").isEqualTo("The version 1 (m1)"
                + " (V1__m.sql) failed on tenant_a at statement 1. Error: " + recorded);
        assertThat(problem.forTenant(M07).message()).endsWith("nothing more runs on it until `flotilla repair --tenants m07`"
                + " clears the record; fix the script first.").doesNotContain("undo the half-applied changes");
    }

    @Test
    void an_older_rollback_advice_recorded_gets_the_fleet_tenant_in_its_commands_as_the_advice_after_it_does() {
        record("1", MigrationKind.VERSIONED, true, null, null);
        record("2", MigrationKind.VERSIONED, true, null, null);
        record("2", MigrationKind.UNDO, false, 3, "U2__m.sql failed at statement 3 of 4 (line 3) on tenant_a: no such table."
                + " Nothing more runs on this target until you undo the applied part and run `flotilla repair`, or finish it"
                + " by hand and run `flotilla repair --mark-applied 2`.");

        String message = problem().forTenant(M07).message();

        assertThat(message).contains("undo the applied part and run `flotilla repair --tenants m07`, or finish it by hand"
                + " and run `flotilla repair --tenants m07 --mark-applied 2`.", "`flotilla repair --tenants m07 --mark-undone 2`")
                .doesNotContain("`flotilla repair`", "`flotilla repair --mark");
    }

    @Test
    void a_rollback_recorded_without_its_statement_gets_the_fleet_tenant_in_the_commands_its_error_names() {
        record("1", MigrationKind.VERSIONED, true, null, null);
        record("1", MigrationKind.UNDO, false, null, "written by hand: see `flotilla verify --clear-unexamined`");

        Problem problem = problem();

        assertThat(problem.message()).startsWith("Rolling back version 1 (m1) failed on tenant_a. Error: written by hand:"
                + " see `flotilla verify --clear-unexamined`. No statement of U1__m.sql");
        assertThat(problem.forTenant(M07).message()).contains("see `flotilla verify --tenants m07 --clear-unexamined`.")
                .doesNotContain("`flotilla repair`");
    }
}
