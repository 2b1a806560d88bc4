package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifyPostgresIT extends VerifyContract implements OtherSchemaChecksContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    /** A foreign key added NOT VALID does not look at the rows already there. */
    @Override
    public void insertOrphan(Connection connection) throws SQLException {
        String fk = Jdbc.queryString(connection, "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                + " AND conrelid = 'serials'::regclass");
        Jdbc.execute(connection, "ALTER TABLE serials DROP CONSTRAINT " + fk);
        Jdbc.execute(connection, "INSERT INTO serials (id, company_id, serial_no) VALUES (99, 42, 'orphan')");
        Jdbc.execute(connection, "ALTER TABLE serials ADD CONSTRAINT " + fk + " FOREIGN KEY (company_id)"
                + " REFERENCES companies (id) ON DELETE CASCADE NOT VALID");
    }

    @Test
    void expected_objects_finds_a_policy_on_its_own_table_and_expects_one_created_again_under_its_name() throws Exception {
        migrate(GOOD);
        files.write("V2__policies.sql", "CREATE POLICY tenant_isolation ON serials USING (company_id > 0);\n"
                + "CREATE POLICY tenant_isolation ON companies USING (id > 0);\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V3__policies.sql", "DROP POLICY tenant_isolation ON serials;\n"
                + "CREATE POLICY tenant_isolation ON serials USING (company_id > 1);\n"
                + "DROP POLICY tenant_isolation ON companies;\n");
        SchemaDiff predicted = flotilla().dryRun().diff();
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult good = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();
        sql("CREATE POLICY tenant_isolation ON companies USING (id > 0)");
        CheckResult broken = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();

        assertThat(good.status()).as(good.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(broken.problems()).containsExactly("policy tenant_isolation on companies still exists");
    }

    @Test
    void fk_rules_tables_and_exclude_quoted_keep_their_case_as_postgresql_reads_a_quoted_name() throws Exception {
        migrate(GOOD + "CREATE TABLE \"Tokens\" (id INTEGER PRIMARY KEY, company_id INTEGER REFERENCES companies (id)"
                + " ON DELETE SET NULL);\n"
                + "CREATE TABLE tokens (id INTEGER PRIMARY KEY, company_id INTEGER REFERENCES companies (id) ON DELETE CASCADE);\n");
        VerifyOptions.FkRule excludingLower = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of(),
                Set.of("\"tokens\""), null);
        VerifyOptions.FkRule excludingBoth = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of(), Set.of("TOKENS"),
                null);
        VerifyOptions.FkRule listingLower = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of("`tokens`"),
                Set.of(), null);
        VerifyOptions.FkRule listingUpper = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of("\"TOKENS\""),
                Set.of(), null);

        CheckResult lowerExcluded = check("fk-rules", withFkRule(excludingLower));
        CheckResult bothExcluded = check("fk-rules", withFkRule(excludingBoth));
        CheckResult lowerListed = check("fk-rules", withFkRule(listingLower));
        CheckResult upperListed = check("fk-rules", withFkRule(listingUpper));

        assertThat(lowerExcluded.problems()).containsExactly("Tokens.company_id -> companies: ON DELETE SET NULL, expected CASCADE");
        assertThat(bothExcluded.status()).as(bothExcluded.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(lowerListed.status()).as(lowerListed.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(lowerListed.message()).startsWith("1 foreign key(s) to companies");
        assertThat(upperListed.problems()).containsExactly("\"TOKENS\": no such table (checks.fk-rules tables for companies;"
                + " if a later migration creates it, give the rule since: VERSION)");
    }

    @Test
    void fk_orphans_reads_tables_whose_quoted_names_have_a_dot_as_tables_of_the_target() throws Exception {
        migrate(GOOD + "CREATE TABLE \"co.parents\" (id INTEGER PRIMARY KEY);\n"
                + "CREATE TABLE \"order.lines\" (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES \"co.parents\" (id));\n"
                + "INSERT INTO \"co.parents\" VALUES (1);\nINSERT INTO \"order.lines\" VALUES (1, 1);\n");

        CheckResult result = check("fk-orphans", ALL);

        assertThat(result.status()).as(result.toString()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void expected_objects_finds_a_column_whose_quoted_name_has_a_dot_on_its_table() throws Exception {
        migrate(GOOD);
        files.write("V2__dotted.sql", "ALTER TABLE serials ADD COLUMN \"batch.no\" INTEGER;\n");
        SchemaDiff predicted = flotilla().dryRun().diff();
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult good = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();

        assertThat(good.status()).as(good.toString()).isEqualTo(CheckStatus.PASSED);
    }
}
