package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenantId;
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

    @Test
    void a_check_reads_the_acceptances_of_its_tenants_alone_and_a_structure_only_to_replay_migrations_on_it() {
        deploy();
        accept(fleet.targets());
        ReadCounting counting = new ReadCounting(fleet.plane.acceptances());
        DriftAcceptance.Store everything = tenants -> fleet.plane.acceptances().of(tenants).entrySet().stream().collect(
                java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, e -> copied(e.getValue())));

        DriftReport one = new FleetDrift(fleet.template(), fleet.loaded(), 2, 2, ReferenceCache.inMemory(), counting)
                .check(fleet.targets(1, 2));
        List<TenantId> askedForOne = List.copyOf(counting.asked);
        int readForOne = counting.structuresRead.get();
        migrations().write("V2__notes.sql", "ALTER TABLE serials ADD COLUMN note VARCHAR(100);\n");
        deploy();
        DriftReport lazily = new FleetDrift(fleet.template(), fleet.loaded(), 2, 2, ReferenceCache.inMemory(), counting)
                .check(fleet.targets());
        DriftReport eagerly = new FleetDrift(fleet.template(), fleet.loaded(), 2, 2, ReferenceCache.inMemory(), everything)
                .check(fleet.targets());

        assertThat(find(one, "t001").status()).isEqualTo(Status.CLEAN);
        assertThat(askedForOne).as("the checked tenant's acceptance alone").containsExactly(TenantId.of("t001"));
        assertThat(readForOne).as("a history not moved since: fingerprints compared, no structure read").isZero();
        assertThat(counting.structuresRead.get()).as("one structure a tenant migrated since, to replay V2 on").isEqualTo(3);
        assertThat(lazily.tenants()).as("the same result as with every structure read up front")
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("acceptance").isEqualTo(eagerly.tenants());
        assertThat(lazily.tenants()).extracting(TenantDrift::status).containsOnly(Status.CLEAN);
        assertThat(lazily.tenants()).extracting(TenantDrift::acceptance).isEqualTo(eagerly.tenants().stream()
                .map(TenantDrift::acceptance).toList());
    }

    @Test
    void a_structure_is_read_when_first_used_and_one_whose_acceptance_was_replaced_meanwhile_is_refused() {
        deploy();
        accept(fleet.targets(0, 1));
        DriftAcceptance read = fleet.plane.acceptances().of(List.of(TenantId.of("t000"))).get(TenantId.of("t000"));
        accept(fleet.targets(0, 1));

        assertThat(read.structure()).as("kept").isNotNull();
        assertThatThrownBy(() -> read.structure().size()).as("not read with the acceptance: read now, it is another's")
                .isInstanceOf(dev.flotilla.FlotillaException.class)
                .hasMessageContaining("The acceptance of t000 was replaced or removed while drift read it");
        assertThat(fleet.plane.acceptances().find(TenantId.of("t000")).orElseThrow().structure()).isNotEmpty();
    }

    private static DriftAcceptance copied(DriftAcceptance a) {
        return new DriftAcceptance(a.tenant(), a.dialect(), a.position(), a.fingerprint(), a.fingerprintFormat(),
                a.structure() == null ? null : List.copyOf(a.structure()), a.structureProblem(), a.acceptedBy(), a.acceptedAt());
    }

    /** The control plane's acceptances, counting the tenants asked for and the structures read. */
    private static final class ReadCounting implements DriftAcceptance.Store {
        final DriftAcceptance.Store plane;
        final List<TenantId> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger structuresRead = new java.util.concurrent.atomic.AtomicInteger();

        ReadCounting(DriftAcceptance.Store plane) {
            this.plane = plane;
        }

        @Override
        public java.util.Map<TenantId, DriftAcceptance> of(java.util.Collection<TenantId> tenants) {
            asked.clear();
            asked.addAll(tenants);
            java.util.Map<TenantId, DriftAcceptance> found = new java.util.LinkedHashMap<>();
            plane.of(tenants).forEach((tenant, a) -> found.put(tenant, new DriftAcceptance(a.tenant(), a.dialect(), a.position(),
                    a.fingerprint(), a.fingerprintFormat(), a.structure() == null ? null : DriftAcceptance.readWhenNeeded(() -> {
                        structuresRead.incrementAndGet();
                        return a.structure();
                    }), a.structureProblem(), a.acceptedBy(), a.acceptedAt())));
            return found;
        }
    }
}
