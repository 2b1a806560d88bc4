package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The questions of deploy and rollback answered in-process, as typed on a terminal: no deploys nothing, yes deploys. The
 * fleet's rollback reads its guard again once answered: a second tenant's row, or row-level security its down file
 * switches off, appearing in a PostgreSQL shared schema while the question waits refuses it with nothing rolled back;
 * nothing changed, it runs.
 */
class CliAnsweredQuestionsPostgresIT {
    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);

    @BeforeEach
    void setUp() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text);\n"
                + "INSERT INTO orders VALUES ('bolt');\n");
        Files.writeString(migrations.resolve("U1__orders.sql"), "DROP TABLE orders;\n");
        Files.writeString(migrations.resolve("V2__tenant_id.sql"), "ALTER TABLE orders ADD COLUMN tenant_id text NOT NULL"
                + " DEFAULT 'acme';\nCREATE INDEX orders_tenant ON orders (tenant_id);\n");
        Files.writeString(migrations.resolve("U2__tenant_id.sql"), "DROP POLICY IF EXISTS tenant_isolation ON orders;\n"
                + "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\nALTER TABLE orders DROP COLUMN tenant_id;\n");
        SharedSchemaConfig.on(TestDatabases.POSTGRES_URL).schema(schema).user(TestDatabases.POSTGRES_USER).writeIn(temp);
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    @Test
    void answering_no_to_a_deploy_deploys_nothing_and_exits_2() throws Exception {
        CliRun deploy = answering(TypedAnswers.of("n\n"), "deploy", "--all");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(2);
        assertThat(deploy.out()).contains("Deploy 1, 2 to ", "? [y/N] ");
        assertThat(deploy.err()).contains("Not confirmed; nothing was deployed.");
        assertThat(TestDatabases.snapshot(target).tables()).isEmpty();
        assertThat(deployments()).isZero();
    }

    @Test
    void answering_yes_to_a_deploy_deploys() throws Exception {
        CliRun deploy = answering(TypedAnswers.of("y\n"), "deploy", "--all");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.out()).contains("? [y/N] ", "Succeeded: 2");
        assertThat(TestDatabases.snapshot(target).table("orders")).isPresent();
        assertThat(deployments()).isEqualTo(1);
    }

    @Test
    void a_second_tenants_row_written_while_the_rollback_question_waits_refuses_the_rollback() throws Exception {
        deployed();
        TypedAnswers yes = TypedAnswers.after(() -> TestDatabases.execute(target,
                "INSERT INTO " + schema + ".orders VALUES ('nut', 'globex')"), "y\n");

        CliRun rollback = answering(yes, "rollback", "--all", "--steps", "1");

        assertThat(yes.asked()).isTrue();
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertThat(rollback.out()).as("asked: the guard let it through before the question").contains("Roll back 2 tenant(s)"
                + " by 1 step(s)?", "[y/N] ");
        assertThat(rollback.err()).contains("ROLLBACK_REFUSED", "orders (2 tenants)", "Nothing was rolled back.");
        assertTenantColumnKept();
    }

    @Test
    void row_level_security_switched_on_while_the_rollback_question_waits_refuses_the_rollback_naming_it() throws Exception {
        deployed();
        TypedAnswers yes = TypedAnswers.after(() -> TestDatabases.execute(target,
                "ALTER TABLE " + schema + ".orders ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY tenant_isolation ON " + schema + ".orders USING (tenant_id = current_setting('app.tenant_id', true))"),
                "y\n");

        CliRun rollback = answering(yes, "rollback", "--all", "--steps", "1");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertThat(rollback.out()).contains("Roll back 2 tenant(s) by 1 step(s)?");
        assertThat(rollback.err()).contains("ROLLBACK_REFUSED", "changed while the question waited",
                "switches row-level security off on orders", "Nothing was rolled back");
        assertTenantColumnKept();
    }

    @Test
    void the_rollback_answered_yes_with_nothing_changed_while_it_waited_runs() throws Exception {
        deployed();
        TypedAnswers yes = TypedAnswers.of("y\n");

        CliRun rollback = answering(yes, "rollback", "--all", "--steps", "1");

        assertThat(yes.asked()).isTrue();
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("Roll back 2 tenant(s) by 1 step(s)?", "Succeeded: 2");
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().columns())
                .noneMatch(c -> c.name().equals("tenant_id"));
        assertThat(deployments()).as("the deploy and the rollback").isEqualTo(2);
    }

    private void deployed() {
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
    }

    /** Nothing rolled back: the tenant column is still there, and no rollback was recorded. */
    private void assertTenantColumnKept() throws Exception {
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().columns())
                .anyMatch(c -> c.name().equals("tenant_id"));
        assertThat(deployments()).as("the deploy alone").isEqualTo(1);
    }

    private int deployments() {
        return flotilla("deployments", "list", "--json").json().at("/data/deployments").size();
    }

    private CliRun answering(TypedAnswers typed, String... args) {
        return CliRun.answering(typed, temp.resolve("flotilla.yml"), args);
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }
}
