package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Problem;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dry run whose scratch copy could not be made (CLONE_FAILED: a grant missing, a full disk) tested nothing: it is not
 * one "tested on a structure-only copy", and is not counted as one; a migration that failed on the copy was tested there.
 */
class StructureOnlyCountTest {
    static final String COPY_FAILED = "Copying the structure of jdbc:mariadb://db/t_acme into a scratch database for the"
            + " dry run failed: Access denied for user 'app'@'%' to database 'flotilla_dry_1'. Nothing of the target changed.";

    static TenantDryRun onACopy(String id, Problem problem, List<MigrationRun> runs) {
        RunReport run = new RunReport("dry-run", "t_" + id, "mariadb", runs, List.of(),
                problem == null ? List.of() : List.of(problem), 5);
        return new TenantDryRun(TenantId.of(id), "t_" + id, "t_" + id,
                new DryRunReport(run, "clone", null, List.of(), List.of(), List.of(), null, true), null, null);
    }

    static TenantDryRun copyNotMade(String id) {
        return onACopy(id, new Problem(ErrorCode.CLONE_FAILED, COPY_FAILED, null), List.of());
    }

    @Test
    void a_dry_run_whose_copy_could_not_be_made_is_not_structure_only_and_says_the_copy_failed() {
        DryRunReport report = copyNotMade("acme").report();

        assertThat(report.copyFailed()).isTrue();
        assertThat(report.structureOnly()).isFalse();
        assertThat(report.structureOnlyNote()).isNull();
        assertThat(onACopy("beta", null, List.of()).report().copyFailed()).isFalse();
    }

    @Test
    void only_tenants_really_tested_on_a_structure_only_copy_are_counted() {
        MigrationRun failed = new MigrationRun("2", "serials", "V2.sql", MigrationKind.VERSIONED, MigrationRun.Outcome.FAILED,
                false, List.of(), 1, 1, ErrorCode.SQL_ERROR, dev.flotilla.plan.Advice.plain("V2.sql failed"));
        List<TenantDryRun> results = List.of(onACopy("passed", null, List.of()),
                onACopy("failed", new Problem(ErrorCode.SQL_ERROR, "V2.sql failed", "2"), List.of(failed)),
                copyNotMade("untested"));

        assertThat(TenantDryRun.structureOnlyNote(results)).startsWith("2 tenant(s) tested on a structure-only copy");
        assertThat(TenantDryRun.structureOnlyNote(List.of(copyNotMade("untested")))).isNull();
    }
}
