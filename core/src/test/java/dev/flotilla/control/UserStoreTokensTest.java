package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens as the embedded control plane keeps them: with an expiry, and kept once revoked. */
class UserStoreTokensTest {
    @TempDir
    Path home;

    private ControlPlane open() {
        return ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null);
    }

    @Test
    void a_revoked_token_is_kept_with_its_owner_and_when_it_was_revoked_and_cannot_be_revoked_twice() {
        try (ControlPlane plane = open()) {
            plane.users().add("alice", "operator", "hash", "admin");
            plane.users().addToken("alice", "ci", "hash-1", null);
            long id = plane.users().tokens("alice").get(0).id();
            Instant before = Instant.now();

            assertThat(plane.users().revokeToken("alice", id)).isTrue();

            assertThat(plane.users().token("hash-1")).hasValueSatisfying(owned -> {
                assertThat(owned.owner().name()).isEqualTo("alice");
                assertThat(owned.owner().role()).isEqualTo("operator");
                assertThat(owned.token().revoked()).isTrue();
                assertThat(owned.token().revokedAt()).isBetween(before.minusMillis(1), Instant.now());
                assertThat(owned.token().label()).isEqualTo("ci");
            });
            assertThat(plane.users().tokens("alice")).as("listed, marked").singleElement()
                    .satisfies(t -> assertThat(t.revoked()).isTrue());
            assertThat(plane.users().revokeToken("alice", id)).as("revoked already").isFalse();
            assertThat(plane.users().revokeToken("bob", id)).as("not bob's").isFalse();
        }
    }

    @Test
    void a_token_keeps_its_expiry_and_counts_as_expired_from_that_instant_on() {
        Instant expiry = Instant.parse("2027-03-06T17:00:00Z");
        try (ControlPlane plane = open()) {
            plane.users().add("alice", "viewer", "hash", "admin");
            plane.users().addToken("alice", "ci", "hash-1", expiry);
            plane.users().addToken("alice", "forever", "hash-2", null);

            UserStore.Token expiring = plane.users().token("hash-1").orElseThrow().token();
            UserStore.Token forever = plane.users().token("hash-2").orElseThrow().token();

            assertThat(expiring.expiresAt()).isEqualTo(expiry);
            assertThat(expiring.expiredAt(expiry.minusMillis(1))).isFalse();
            assertThat(expiring.expiredAt(expiry)).isTrue();
            assertThat(forever.expiresAt()).isNull();
            assertThat(forever.expiredAt(Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
            assertThat(plane.users().token("no-such-hash")).isEmpty();
        }
    }

    @Test
    void a_token_made_before_tokens_expired_keeps_working_after_the_upgrade_as_one_that_never_expires() {
        try (ControlPlane plane = open()) {
            plane.users().add("alice", "viewer", "hash", "admin");
            plane.write("putting the plane back before V22", c -> {
                Jdbc.execute(c, "ALTER TABLE api_tokens DROP COLUMN expires_at");
                Jdbc.execute(c, "ALTER TABLE api_tokens DROP COLUMN revoked_at");
                // V23 (dry runs' error codes), V24 (indexes) and V25 (where a fleet dry run started) and V26 (an index)
                // and V27 (tenants' baselines) and V28 (dry runs' times and warnings) undone too, or V22
                // would be pending below an applied version.
                Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN time_ms"); // V28's
                Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN warning");
                Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN warning");
                Jdbc.execute(c, "ALTER TABLE tenants DROP COLUMN baseline_version"); // V27's
                Jdbc.execute(c, "DROP INDEX idx_fleet_dry_runs_started"); // V26's
                Jdbc.execute(c, "ALTER TABLE fleet_dry_runs DROP COLUMN started_from");
                Jdbc.execute(c, "DROP INDEX idx_deployment_tasks_tenant");
                Jdbc.execute(c, "DROP INDEX idx_audit_log_tenant");
                Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN error_code");
                Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN error");
                Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN error_code");
                Jdbc.execute(c, "DELETE FROM \"" + ControlPlaneSchema.HISTORY_TABLE + "\" WHERE version IN ('22', '23', '24', '25', '26', '27', '28')");
                return Jdbc.update(c, "INSERT INTO api_tokens (user_name, label, token_hash, created_at)"
                        + " VALUES ('alice', 'old-ci', 'old-hash', CURRENT_TIMESTAMP)");
            });
        }
        try (ControlPlane upgraded = open()) {
            assertThat(upgraded.users().token("old-hash")).hasValueSatisfying(owned -> {
                assertThat(owned.token().expiresAt()).isNull();
                assertThat(owned.token().revoked()).isFalse();
            });
        }
    }
}
