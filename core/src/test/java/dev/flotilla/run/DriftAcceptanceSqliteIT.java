package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accepted live schemas on SQLite tenants, a file each. */
class DriftAcceptanceSqliteIT extends DriftAcceptanceContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:sqlite:" + temp + "/" + prefix + "_{tenant}.db", null,
                null, null, null);
    }

    @Override
    void createTargets(List<TenantTarget> targets) {
    }

    @Test
    void an_acceptance_without_a_copy_of_its_structure_says_later_migrations_cannot_be_replayed_on_it() {
        deploy();
        DriftAcceptance taken = accept(fleet.targets(0, 1)).get(0).acceptance();
        // As a database whose structure no copy rebuilds exactly would be accepted: fingerprint and position, no structure.
        fleet.plane.acceptances().record(new DriftAcceptance(taken.tenant(), taken.dialect(), taken.position(),
                taken.fingerprint(), taken.fingerprintFormat(), null, "a copy of its structure does not rebuild it exactly",
                taken.acceptedBy(), taken.acceptedAt()));
        assertThat(find(drift(), "t000").status()).isEqualTo(Status.CLEAN);
        migrations().write("V2__notes.sql", "ALTER TABLE serials ADD COLUMN note VARCHAR(100);\n");
        deploy();

        TenantDrift drift = find(drift(), "t000");

        assertThat(drift.status()).isEqualTo(Status.UNKNOWN);
        assertThat(drift.reason()).contains("accepted at version 1 (serials)")
                .contains("migrations since (V2__notes.sql) cannot be replayed on an accepted schema for sqlite yet")
                .contains("Accept again after checking");
    }
}
