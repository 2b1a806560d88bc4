package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.h2.api.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repair} on tenants of the fleet, H2 schemas of one in-memory database: the tenants are repaired at once, as
 * many as --concurrency and --per-server let, each with its own result. A trigger on each history table holds a
 * repair's delete of the failed record until every tenant's repair is inside its own: repaired one after the other,
 * the first would wait for the others in vain.
 */
class CliRepairH2IT {
    private static final List<String> TENANTS = List.of("east", "north", "south"); // in the order the selection lists them
    private static volatile CyclicBarrier allAtOnce;

    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:fxb_repair_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    private String config;

    /** Each delete of a history row waits until as many deletes as {@link #allAtOnce} counts are running. */
    public static final class HeldUntilAllAreIn implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            try {
                allAtOnce.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new SQLException("The tenants were not repaired at once: " + e, e);
            }
        }
    }

    @BeforeEach
    void fleetWithAFailedMigrationOnEveryTenant() throws Exception {
        config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n",
                "V2__tags.sql", "CREATE TABLE tags (id INT);\nINSERT INTO missing VALUES (1);\n"), TENANTS);
        CliRun deploy = CliRun.of("deploy", "--all", "--yes", "--continue-on-error", "--config", config);
        assertThat(deploy.out()).as(deploy.out() + deploy.err()).contains("failed");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String tenant : TENANTS) {
                s.execute("CREATE TRIGGER \"" + tenant + "\".held BEFORE DELETE ON \"" + tenant + "\".\"tenant_migrations\""
                        + " FOR EACH ROW CALL '" + HeldUntilAllAreIn.class.getName() + "'");
            }
        }
    }

    @Test
    void the_tenants_are_repaired_at_once_with_concurrency_and_each_has_its_own_result() {
        allAtOnce = new CyclicBarrier(TENANTS.size());

        CliRun repair = CliRun.of("repair", "--all", "--rerun-from-start", "--concurrency", "3", "--per-server", "3", "--json",
                "--config", config);

        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        JsonNode tenants = repair.json().at("/data/tenants");
        assertThat(tenants.findValuesAsText("id")).containsExactlyElementsOf(TENANTS);
        for (JsonNode tenant : tenants) {
            assertThat(tenant.get("target").asText()).contains("schema " + tenant.get("id").asText());
            assertThat(tenant.get("actions")).singleElement().satisfies(action -> assertThat(action.asText())
                    .startsWith("Removed the failed record of version 2 (tags) (it had failed at statement 2)"));
            assertThat(tenant.has("error")).isFalse();
        }
        assertThat(repair.json().at("/errors")).isEmpty();
        assertThat(CliRun.of("plan", "--all", "--json", "--config", config).json().at("/data/tenants"))
                .allSatisfy(t -> assertThat(t.get("pending").toString()).isEqualTo("[\"2\"]"));
    }

    @Test
    void a_migration_whose_first_statement_stays_applied_is_not_repaired_unasked_and_each_tenant_says_what_to_undo() {
        CliRun refused = CliRun.of("repair", "--all", "--json", "--config", config);
        CliRun both = CliRun.of("repair", "--all", "--rerun-from-start", "--mark-applied", "2", "--config", config);

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.json().at("/errors")).hasSize(TENANTS.size()).allSatisfy(error -> {
            assertThat(error.get("code").asText()).isEqualTo("REPAIR_REFUSED");
            assertThat(error.get("message").asText()).contains("Not repaired: version 2 (tags) failed at statement 2 of"
                    + " V2__tags.sql", "undo by hand what ran: statement 1 (line 1): `CREATE TABLE tags (id INT)`",
                    "then run `flotilla repair --tenants " + error.get("tenant").asText() + " --rerun-from-start`",
                    "`flotilla repair --tenants " + error.get("tenant").asText() + " --mark-applied 2`");
            assertThat(error.get("commands")).as("the repairs it names, as values").isNotNull();
            assertThat(error.get("commands").toString()).isEqualTo("[\"flotilla repair --tenants " + error.get("tenant").asText()
                    + " --rerun-from-start\",\"flotilla repair --tenants " + error.get("tenant").asText() + " --mark-applied 2\"]");
        });
        assertThat(refused.json().at("/data/tenants")).allSatisfy(tenant -> assertThat(tenant.get("commands"))
                .as("on the tenant's entry too").isEqualTo(refused.json().at("/errors/" + TENANTS.indexOf(tenant.get("id").asText())
                        + "/commands")));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--rerun-from-start goes with a plain repair");
        assertThat(CliRun.of("plan", "--all", "--json", "--config", config).json().at("/data/summary/blocked").asInt())
                .as("every failed record kept").isEqualTo(TENANTS.size());
    }

    @Test
    void a_concurrency_out_of_range_is_bad_usage_and_repairs_nothing() {
        CliRun repair = CliRun.of("repair", "--all", "--concurrency", "0", "--config", config);

        assertThat(repair.exitCode()).isEqualTo(2);
        assertThat(repair.err()).contains("--concurrency must be between 1 and 256, was 0");
        assertThat(CliRun.of("plan", "--all", "--json", "--config", config).json().at("/data/summary/blocked").asInt())
                .isEqualTo(TENANTS.size());
    }

    @Test
    void a_concurrency_flag_overrides_a_bad_value_of_the_same_setting_in_the_environment() {
        allAtOnce = new CyclicBarrier(TENANTS.size());
        Map<String, String> env = Map.of("FLOTILLA_DEPLOY_CONCURRENCY", "0", "FLOTILLA_DEPLOY_PER_SERVER", "0");

        CliRun flagged = CliRun.of(env, "repair", "--all", "--rerun-from-start", "--concurrency", "3", "--per-server", "3",
                "--config", config);
        CliRun unflagged = CliRun.of(env, "repair", "--all", "--config", config);

        assertThat(flagged.exitCode()).as(flagged.out() + flagged.err()).isZero();
        assertThat(flagged.out()).contains("repaired east", "repaired north", "repaired south");
        assertThat(unflagged.exitCode()).isEqualTo(2);
        assertThat(unflagged.err()).contains("BAD_CONFIG", "FLOTILLA_DEPLOY_CONCURRENCY");
    }
}
