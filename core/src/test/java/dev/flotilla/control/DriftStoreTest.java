package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.run.TenantDrift;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift checks kept per tenant, as the dashboard counts them and a tenant's page reads its newest back. */
class DriftStoreTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final TenantId INITECH = TenantId.of("initech");

    @TempDir
    Path home;

    @Test
    void a_tenant_whose_login_was_refused_or_that_was_locked_is_counted_and_read_back_so_not_as_unreachable() {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.drift().record(List.of(unread(ACME, ErrorCode.AUTHENTICATION_FAILED), unread(GLOBEX, ErrorCode.LOCK_TIMEOUT),
                    unread(INITECH, ErrorCode.CONNECTION_FAILED)));

            assertThat(plane.drift().summary()).isEqualTo(Map.of("locked", 1, "refused", 1, "unreachable", 1));
            TenantDrift acme = plane.drift().latest(ACME).orElseThrow().drift();
            assertThat(acme.statusWord()).isEqualTo("refused");
            assertThat(acme.status()).isEqualTo(TenantDrift.Status.UNREACHABLE);
            assertThat(plane.drift().latest(GLOBEX).orElseThrow().drift().statusWord()).isEqualTo("locked");
            assertThat(plane.drift().latest(INITECH).orElseThrow().drift().statusWord()).isEqualTo("unreachable");
        }
    }

    private static TenantDrift unread(TenantId tenant, ErrorCode code) {
        return new TenantDrift(tenant, null, TenantDrift.Status.UNREACHABLE, null, null, null, "could not read it", code, null);
    }
}
