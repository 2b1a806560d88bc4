package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.TestedPlans.Verdict;
import dev.flotilla.tenant.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deploy that requires a passing test (deploy.requireTested): each tenant's newest dry run, as the control plane keeps
 * it, must have passed for exactly the migrations the deploy would apply, since the tenant last changed. Seed 002: "DO
 * NOT PROCEED TO PRODUCTION until all tests pass". Three tenants, V1 and V2 pending.
 */
abstract class TestedPlansContract extends FleetFixture {
    @Override
    int fleetSize() {
        return 3;
    }

    /** Dry-runs {@code targets} and records their outcome, as {@code flotilla dry-run} and the console do. */
    void dryRun(List<TenantTarget> targets) {
        List<TenantDryRun> results = new FleetDryRun(fleet.template(), fleet.loaded(), DryRunOptions.DEFAULTS, 2, 2).run(targets);
        DryRunRecords.record(fleet.plane, results, fleet.loaded(), fleet.plane.tenants().all());
    }

    TestedPlans tested() {
        return TestedPlans.of(fleet.plane, fleet.planner().plan(fleet.targets()), fleet.loaded(), false);
    }

    static Map<TenantId, Verdict> verdicts(Verdict t000, Verdict t001, Verdict t002) {
        return Map.of(TenantId.of("t000"), t000, TenantId.of("t001"), t001, TenantId.of("t002"), t002);
    }

    @Test
    void tenants_whose_dry_run_of_these_files_passed_may_be_deployed() {
        dryRun(fleet.targets());

        TestedPlans tested = tested();

        assertThat(tested.verdicts()).isEqualTo(verdicts(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED));
        assertThat(tested.allPassed()).isTrue();
        assertThat(tested.warning()).isNull();
        assertThat(tested.json(true)).containsEntry("passed", 3L).containsEntry("notTested", List.of());
    }

    @Test
    void a_tenant_never_dry_run_is_not_tested_and_the_refusal_names_the_dry_run_to_run() {
        dryRun(fleet.targets(0, 2));

        TestedPlans tested = tested();
        FlotillaException refusal = tested.refusal("deploy.requireTested");

        assertThat(tested.verdicts()).isEqualTo(verdicts(Verdict.PASSED, Verdict.PASSED, Verdict.NOT_TESTED));
        assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_TESTED);
        assertThat(refusal.getMessage()).startsWith("Nothing was deployed: deploy.requireTested requires a passing dry run")
                .contains("1 of 3 tenant(s) have none (not tested: t002)").contains("Dry-run them with `flotilla dry-run --tenants t002`, fix what fails");
        assertThat(tested.warning()).startsWith("1 of 3 tenant(s) have no passing dry run of the migrations this deploy would"
                + " apply (not tested: t002); test them first with `flotilla dry-run --tenants t002`, or set deploy.requireTested");
    }

    @Test
    void a_tenant_whose_dry_run_failed_is_refused_with_its_error() {
        migrations().write("V3__broken.sql", "INSERT INTO no_such_table VALUES (1);\n");
        dryRun(fleet.targets());

        TestedPlans tested = tested();

        assertThat(tested.verdicts()).isEqualTo(verdicts(Verdict.FAILED, Verdict.FAILED, Verdict.FAILED));
        assertThat(tested.describe()).startsWith("failed: t000 (SQL_ERROR: ").contains("no_such_table");
        assertThat(tested.json(false)).containsEntry("failed", List.of("t000", "t001", "t002"))
                .containsEntry("dryRunCommand", "flotilla dry-run --tenants t000,t001,t002");
    }

    @Test
    void a_file_edited_or_added_since_the_dry_run_is_not_what_was_tested() {
        dryRun(fleet.targets());
        migrations().write("V2__tags.sql", V2 + "CREATE INDEX idx_notes_body ON notes (body);\n");

        assertThat(tested().verdicts()).isEqualTo(verdicts(Verdict.OTHER_FILES, Verdict.OTHER_FILES, Verdict.OTHER_FILES));

        dryRun(fleet.targets());
        migrations().write("V3__more.sql", "ALTER TABLE notes ADD COLUMN more_text VARCHAR(20);\n");

        assertThat(tested().untested()).isEqualTo(Map.of(Verdict.OTHER_FILES, fleet.targets().stream()
                .map(t -> t.tenant().id()).toList()));
    }

    @Test
    void a_deployment_or_a_repair_since_the_dry_run_outdates_it_until_the_tenant_is_dry_run_again() {
        dryRun(fleet.targets());
        // A deployment that ran on t000 and failed before its migrations: pending as before, but the tenant was touched.
        FleetOptions failingHook = new FleetOptions(1, 1, List.of(), 0, false, 0, Duration.ofMillis(10),
                new Hooks(null, null, "exit 3", null), "test");
        assertThat(fleet.runner(failingHook).deploy(fleet.targets(0, 1)).count(TaskStatus.FAILED)).isEqualTo(1);
        fleet.plane.audit().record("test", "repair", "t001", null, "removed the record of failed 2", "ok", null);

        assertThat(tested().verdicts()).isEqualTo(verdicts(Verdict.OUTDATED, Verdict.OUTDATED, Verdict.PASSED));
        assertThat(tested().warning()).startsWith("2 of 3 tenant(s) have no passing dry run of the migrations this deploy"
                + " would apply (tested before the tenant last changed: t000, t001); test them first with"
                + " `flotilla dry-run --tenants t000,t001`");

        dryRun(fleet.targets(0, 2));

        assertThat(tested().allPassed()).isTrue();
    }

    @Test
    void a_dry_run_of_fewer_migrations_than_the_deploy_applies_is_not_what_was_tested() {
        dryRun(fleet.targets());
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(fleet.targets(0, 1)).ok()).isTrue();
        migrations().write("V3__more.sql", "ALTER TABLE notes ADD COLUMN more_text VARCHAR(20);\n");

        // t000 now has V3 pending and its newest dry run (V1, V2) predates its deployment; the others have V1 to V3 pending.
        assertThat(tested().verdicts()).isEqualTo(verdicts(Verdict.OUTDATED, Verdict.OTHER_FILES, Verdict.OTHER_FILES));
    }
}
