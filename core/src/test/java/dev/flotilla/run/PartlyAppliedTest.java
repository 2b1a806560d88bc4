package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Remedy;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartlyAppliedTest {
    private static final AppliedMigration FAILED_AT_2 = new AppliedMigration(2, "2", "tags", MigrationKind.VERSIONED,
            "V2__tags.sql", "abc", "ci", Instant.EPOCH, 5, false, 2, "Table MISSING not found");

    @Test
    void the_repairs_a_refusal_names_are_values_written_with_the_fleet_tenant_and_without_it_for_one_target() {
        FlotillaException refusal = PartlyApplied.refusal(new MigrationStatus(null, FAILED_AT_2, MigrationState.FAILED), null,
                FAILED_AT_2.script(), "db (schema m07)", Dialect.forUrl("jdbc:mariadb:"));

        assertThat(refusal.code()).isEqualTo(ErrorCode.REPAIR_REFUSED);
        assertThat(refusal.getMessage()).contains("then run `flotilla repair --rerun-from-start` (the failed record",
                "and run `flotilla repair --mark-applied 2`.").doesNotContain("--tenants");
        assertThat(refusal.advice().parts()).as("commands kept as values, not found in the text")
                .contains(Remedy.of("repair", "--rerun-from-start"), Remedy.of("repair", "--mark-applied", "2"));
        assertThat(refusal.advice().forTenant(TenantId.of("m07")).text())
                .isEqualTo(refusal.getMessage().replace("`flotilla repair ", "`flotilla repair --tenants m07 "));
    }

    @Test
    void a_repeatable_cut_off_part_way_is_refused_with_its_one_way_on_running_it_again_from_its_start() {
        AppliedMigration cut = new AppliedMigration(3, null, "views", MigrationKind.REPEATABLE, "R__views.sql", "abc", "ci",
                Instant.EPOCH, 5, false, 2, AppliedMigration.INTERRUPTED);

        FlotillaException refusal = PartlyApplied.refusal(new MigrationStatus(null, cut, MigrationState.FAILED), null,
                cut.script(), "db (schema m07)", Dialect.forUrl("jdbc:mariadb:"));

        assertThat(refusal.code()).isEqualTo(ErrorCode.REPAIR_REFUSED);
        assertThat(refusal.getMessage()).contains("repeatable R__views.sql was interrupted during statement 2",
                "unless its statements can run again as they are", "then run `flotilla repair --rerun-from-start`",
                "a repeatable has no version to mark applied").doesNotContain("--mark-applied");
        assertThat(refusal.advice().forTenant(TenantId.of("m07")).text())
                .contains("`flotilla repair --tenants m07 --rerun-from-start`");
    }
}
