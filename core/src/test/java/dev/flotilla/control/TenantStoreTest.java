package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantCredentials;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering many tenants at once (tenants import) on the embedded control plane. */
class TenantStoreTest {
    @TempDir
    Path home;

    private ControlPlane open() {
        return ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null);
    }

    private static Tenant tenant(String id, String name) {
        return new Tenant(TenantId.of(id), name, null, null, List.of("eu"));
    }

    @Test
    void removing_a_tenant_removes_its_accepted_schema_so_a_tenant_registered_again_under_its_id_has_none() {
        try (ControlPlane plane = open()) {
            plane.tenants().add(tenant("acme", "Acme"));
            plane.tenants().add(tenant("globex", "Globex"));
            for (String id : List.of("acme", "globex")) {
                plane.acceptances().record(new dev.flotilla.run.DriftAcceptance(TenantId.of(id), "sqlite",
                        new dev.flotilla.run.HistoryPosition(0, "digest", "an empty history, rank 0"), "fingerprint", 6,
                        List.of("CREATE TABLE t (id INT)"), null, "alice", java.time.Instant.now()));
            }

            plane.tenants().remove(TenantId.of("acme"));
            plane.tenants().add(tenant("acme", "Acme again"));

            assertThat(plane.acceptances().find(TenantId.of("acme"))).isEmpty();
            assertThat(plane.acceptances().find(TenantId.of("globex"))).hasValueSatisfying(a -> {
                assertThat(a.acceptedBy()).isEqualTo("alice");
                assertThat(a.structure()).containsExactly("CREATE TABLE t (id INT)");
                assertThat(a.position().label()).isEqualTo("an empty history, rank 0");
            });
        }
    }

    @Test
    void registers_only_the_tenants_not_registered_yet_and_each_id_once() {
        try (ControlPlane plane = open()) {
            plane.tenants().add(tenant("acme", "Acme"));

            int added = plane.tenants().addMissing(List.of(tenant("acme", "Acme again"), tenant("globex", "Globex"),
                    tenant("initech", null), tenant("globex", "Globex twice")));

            assertThat(added).isEqualTo(2);
            assertThat(plane.tenants().all()).extracting(r -> r.tenant().id().value(), r -> r.tenant().name())
                    .containsExactly(tuple("acme", "Acme"), tuple("globex", "Globex"),
                            tuple("initech", "initech"));
        }
    }

    @Test
    void a_group_or_search_matches_its_own_text_not_as_a_like_pattern() {
        try (ControlPlane plane = open()) {
            plane.tenants().addMissing(List.of(new Tenant(TenantId.of("euw1"), "West 1", null, null, List.of("eu_west")),
                    new Tenant(TenantId.of("euw2"), "West 2", null, null, List.of("eu-west")),
                    new Tenant(TenantId.of("a_b"), null, null, null, List.of("x")),
                    new Tenant(TenantId.of("a-b"), null, null, null, List.of("x"))));

            assertThat(plane.tenants().ids(null, "eu_west")).extracting(TenantId::value).containsExactly("euw1");
            assertThat(plane.tenants().ids(null, "%")).isEmpty();
            assertThat(plane.tenants().ids("a_", null)).extracting(TenantId::value).containsExactly("a_b");
            assertThat(plane.tenants().ids("%", null)).isEmpty();
        }
    }

    @Test
    void a_tenant_that_cannot_be_stored_registers_none_of_the_list() {
        try (ControlPlane plane = open()) {
            Tenant unstorable = new Tenant(TenantId.of("globex"), "Globex", "jdbc:postgresql://db/" + "g".repeat(1000), null, List.of());
            List<Tenant> tenants = List.of(tenant("acme", "Acme"), unstorable, tenant("initech", "Initech"));

            assertThatThrownBy(() -> plane.tenants().addMissing(tenants)).isInstanceOf(FlotillaException.class)
                    .hasMessageContainingAll("registering tenant globex in the control plane", "Value too long",
                            "None of the 3 tenant(s) listed was registered");

            assertThat(plane.tenants().all()).isEmpty();
            plane.tenants().add(tenant("acme", "Acme"));
            assertThat(plane.tenants().all()).hasSize(1);
        }
    }

    @Test
    void a_name_longer_than_the_control_plane_keeps_is_refused_before_anything_is_written() {
        assertThatThrownBy(() -> tenant("globex", "G".repeat(Tenant.NAME_LENGTH + 1))).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("The name of tenant globex is 201 characters long; at most 200");
        assertThat(tenant("globex", "G".repeat(Tenant.NAME_LENGTH)).name()).hasSize(Tenant.NAME_LENGTH);
    }

    @Test
    void ten_thousand_tenants_are_one_write_to_the_file_not_one_each() throws Exception {
        List<Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            tenants.add(tenant(String.format("tenant%05d", i), null));
        }
        try (ControlPlane plane = open()) {
            assertThat(plane.tenants().addMissing(tenants)).isEqualTo(10_000);
        }

        // One commit per tenant left 160 MB here (16 kB each, not compacted within the same minute).
        assertThat(Files.size(home.resolve(".flotilla").resolve("control.mv.db"))).isLessThan(8L * 1024 * 1024);
        try (ControlPlane plane = ControlPlane.openForReading(ControlPlane.embeddedUrl(home), "sa", null)) {
            assertThat(plane.tenants().count(null, null)).isEqualTo(10_000);
        }
    }

    @Test
    void a_state_without_a_version_clears_the_one_known_and_one_that_did_not_learn_it_keeps_it() {
        try (ControlPlane plane = open()) {
            plane.tenants().addMissing(List.of(tenant("acme", null), tenant("globex", null)));
            plane.tenants().updateState(TenantId.of("acme"), "up-to-date", "2", 0, "d1", null);
            plane.tenants().updateState(TenantId.of("globex"), "up-to-date", "2", 0, "d1", null);

            plane.tenants().updateState(TenantId.of("acme"), "rolled-back", null, null, "d2", null);
            plane.tenants().updateStateKeepingVersion(TenantId.of("globex"), "unreachable", null, null, "connection refused");

            assertThat(plane.tenants().all()).extracting(r -> r.tenant().id().value(), TenantRecord::status,
                    TenantRecord::currentVersion, TenantRecord::lastDeployment).containsExactly(
                    tuple("acme", "rolled-back", null, "d2"), tuple("globex", "unreachable", "2", "d1"));
        }
    }

    @Test
    void a_verify_that_passes_on_an_up_to_date_tenant_moves_its_checked_time_and_leaves_a_pending_one_alone() {
        try (ControlPlane plane = open()) {
            plane.tenants().addMissing(List.of(tenant("acme", null), tenant("globex", null)));
            plane.tenants().updateState(TenantId.of("acme"), "up-to-date", "2", 0, "d1", null);
            plane.tenants().updateState(TenantId.of("globex"), "pending", "1", 1, "d1", null);
            java.time.Instant planned = record(plane, "acme").checkedAt();
            java.time.Instant plannedGlobex = record(plane, "globex").checkedAt();
            while (!PlaneTime.now().toInstant().isAfter(planned.plusMillis(1))) {
                Thread.onSpinWait(); // a millisecond on, so that the verify's write is later than the plan's, rounded or not
            }

            plane.tenants().updateChecked(TenantId.of("acme"), null);
            plane.tenants().updateChecked(TenantId.of("globex"), null);

            assertThat(record(plane, "acme").checkedAt()).isAfter(planned);
            assertThat(record(plane, "acme").status()).isEqualTo("up-to-date");
            assertThat(record(plane, "globex").checkedAt()).isEqualTo(plannedGlobex);
            assertThat(record(plane, "globex").status()).isEqualTo("pending");
        }
    }

    private static TenantRecord record(ControlPlane plane, String id) {
        return plane.tenants().all().stream().filter(r -> r.tenant().id().value().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void a_tenants_own_login_is_kept_changed_and_cleared_and_its_variables_listed() {
        try (ControlPlane plane = open()) {
            plane.tenants().add(tenant("acme", null).withCredentials(new TenantCredentials("acme_app", "ACME_DB_PASSWORD", null)));
            plane.tenants().add(tenant("globex", null));
            TenantCredentials kept = plane.tenants().find(TenantId.of("acme")).orElseThrow().tenant().credentials();
            List<String> variables = plane.tenants().passwordVariables();

            boolean changed = plane.tenants().setCredentials(TenantId.of("globex"), new TenantCredentials(null, null, "/run/pw"));
            boolean cleared = plane.tenants().setCredentials(TenantId.of("acme"), TenantCredentials.NONE);
            boolean unknown = plane.tenants().setCredentials(TenantId.of("nope"), TenantCredentials.NONE);

            assertThat(kept).isEqualTo(new TenantCredentials("acme_app", "ACME_DB_PASSWORD", null));
            assertThat(variables).containsExactly("ACME_DB_PASSWORD");
            assertThat(changed).isTrue();
            assertThat(cleared).isTrue();
            assertThat(unknown).isFalse();
            assertThat(plane.tenants().all()).extracting(r -> r.tenant().credentials())
                    .containsExactly(TenantCredentials.NONE, new TenantCredentials(null, null, "/run/pw"));
        }
    }

    @Test
    void the_kinds_of_url_tenants_have_are_read_once_each_in_the_order_of_their_first_tenant() {
        try (ControlPlane plane = open()) {
            assertThat(urlStartsOfAMixedFleet(plane)).containsExactly(null, "jdbc:mariadb:", "jdbc:h2:");
        }
    }

    /**
     * Registers tenants on two kinds of URL of their own and on the tenancy's (none), and answers the starts of their URLs
     * as the control plane reads them: null (the tenancy's), "jdbc:mariadb:", "jdbc:h2:", in the order of their first tenant.
     */
    static List<String> urlStartsOfAMixedFleet(ControlPlane plane) {
        plane.tenants().add(new Tenant(TenantId.of("b_maria"), null, "jdbc:mariadb://db1:3306/b", null, List.of()));
        plane.tenants().add(new Tenant(TenantId.of("a_template"), null, null, null, List.of()));
        plane.tenants().add(new Tenant(TenantId.of("c_maria"), null, "jdbc:mariadb://db2:3306/c?user=app", null, List.of()));
        plane.tenants().add(new Tenant(TenantId.of("d_h2"), null, "jdbc:h2:file:/srv/tenants/d", null, List.of()));
        plane.tenants().add(new Tenant(TenantId.of("e_template"), null, null, null, List.of()));
        return plane.tenants().census().urlStarts();
    }

    @Test
    void the_versions_and_last_deployments_of_named_tenants_are_read_for_those_alone_past_a_thousand_ids() {
        try (ControlPlane plane = open()) {
            List<Tenant> tenants = new ArrayList<>();
            for (int i = 0; i < NamedTenantReads.IDS_PER_READ + 5; i++) {
                tenants.add(tenant(String.format("t%04d", i), null));
            }
            plane.tenants().addMissing(tenants);
            plane.tenants().updateState(TenantId.of("t0003"), "up-to-date", "2", 0, "d-1", null);
            plane.tenants().updateState(TenantId.of("t1002"), "up-to-date", "2", 0, "d-2", null);
            plane.tenants().updateState(TenantId.of("t0500"), "up-to-date", "2", 0, "d-3", null);
            List<TenantId> named = new ArrayList<>(tenants.stream().map(Tenant::id)
                    .filter(id -> !id.value().equals("t0500")).toList());
            named.add(TenantId.of("unregistered"));

            assertThat(plane.tenants().versioned(named)).containsExactlyInAnyOrder(TenantId.of("t0003"), TenantId.of("t1002"));
            assertThat(plane.tenants().lastDeployments(named)).containsOnly(
                    org.assertj.core.api.Assertions.entry(TenantId.of("t0003"), "d-1"),
                    org.assertj.core.api.Assertions.entry(TenantId.of("t1002"), "d-2"));
            assertThat(plane.tenants().versioned(List.of())).isEmpty();
        }
    }
}
