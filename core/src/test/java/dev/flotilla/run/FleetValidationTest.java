package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetValidationTest {
    private final LoadedMigrations files = new LoadedMigrations(List.of(new Migration(MigrationVersion.parse("7"), "dedupe",
            "V7__dedupe.sql", MigrationKind.VERSIONED, "c7", "UPDATE t SET x = 1;", null)), List.of());

    private static TenantPlan plan(String tenant, Problem... problems) {
        return new TenantPlan(TenantId.of(tenant), "schema " + tenant, "7", List.of(), List.of(problems), null, null, null);
    }

    private static Problem edited() {
        return new Problem(ErrorCode.CHECKSUM_MISMATCH, "V7__dedupe.sql was edited", "7");
    }

    @Test
    void one_finding_per_edited_file_names_how_many_tenants_the_first_five_and_a_repair_of_exactly_them() {
        List<TenantPlan> plans = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            plans.add(plan("m0" + i, edited()));
        }
        plans.add(plan("fresh"));

        List<Problem> findings = FleetValidation.findings(plans, files, "--all");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(f.migration()).isEqualTo("7");
            assertThat(f.message()).contains("V7__dedupe.sql (version 7) was edited after it was applied on 7 tenant(s)"
                    + " (m00, m01, m02, m03, m04 and 2 more)", "`flotilla repair --tenants m00,m01,m02,m03,m04,m05,m06"
                    + " --realign-checksums`");
        });
        assertThat(FleetValidation.blocked(plans)).hasSize(7);
    }

    @Test
    void a_failed_migration_is_the_tenants_own_failure_and_does_not_refuse_the_deploy() {
        List<TenantPlan> plans = List.of(plan("a", new Problem(ErrorCode.FAILED_MIGRATION, "V7 failed on a", "7")), plan("b"));

        FleetValidation.require(plans, files, "--all");

        assertThat(FleetValidation.findings(plans, files, "--all")).isEmpty();
        assertThat(FleetValidation.blocked(plans)).isEmpty();
    }

    @Test
    void a_refusal_over_every_selected_tenant_repairs_the_selection_as_given_and_carries_the_first_code() {
        List<TenantPlan> plans = List.of(plan("a", edited()), plan("b", edited(),
                new Problem(ErrorCode.MISSING_MIGRATION_FILE, "version 5 is gone", "5")));

        assertThatThrownBy(() -> FleetValidation.require(plans, files, "--group eu"))
                .isInstanceOf(FlotillaException.class)
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH))
                .hasMessageContaining("`flotilla repair --group eu --realign-checksums`")
                .hasMessageContaining("Version 5 is applied on 1 tenant(s) (b) but no migration file has that version");
    }

    @Test
    void a_refusals_commands_are_values_the_repair_with_the_selection_and_the_resume_or_retry_it_refused() {
        List<TenantPlan> plans = List.of(plan("a", edited()), plan("b", edited()));

        Problem deploy = FleetValidation.findings(plans, files, "--group eu").get(0);
        FleetValidation.Refused retrying = FleetValidation.Refused.continuing("d-12", true);
        Problem retry = FleetValidation.findings(plans, files, null, retrying).get(0);

        assertThat(deploy.advice().commands()).containsExactly("flotilla repair --group eu --realign-checksums");
        assertThat(retry.advice().commands()).containsExactly("flotilla repair --tenants a,b --realign-checksums",
                "flotilla deploy --retry-failed d-12");
        assertThat(retry.message()).as("the text as before").endsWith("accept it with `flotilla repair --tenants a,b"
                + " --realign-checksums`; then `flotilla deploy --retry-failed d-12` again.");
        FleetValidation.Refused resuming = FleetValidation.Refused.continuing("d-12", false);
        assertThatThrownBy(() -> FleetValidation.require(plans, files, null, resuming))
                .satisfies(e -> assertThat(((FlotillaException) e).advice().commands()).containsExactly(
                        "flotilla repair --tenants a,b --realign-checksums", "flotilla deploy --resume d-12"));
    }
}
