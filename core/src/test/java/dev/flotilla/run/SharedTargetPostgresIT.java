package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Three tenants sharing one PostgreSQL schema. */
class SharedTargetPostgresIT extends SharedTargetContract {
    @Override
    Tenancy tenancy(String shared) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, shared, TestDatabases.POSTGRES_USER,
                null, null);
    }

    @Override
    String orphanMigration(String row) {
        return "ALTER TABLE serials DROP CONSTRAINT serials_company;\nINSERT INTO serials VALUES " + row + ";\n"
                + "ALTER TABLE serials ADD CONSTRAINT serials_company FOREIGN KEY (tenant_id, company_id)"
                + " REFERENCES companies (tenant_id, id) NOT VALID;\n";
    }

    /**
     * A check schema-wide by nature fails every tenant of a shared schema in the same words, whichever the schema: each
     * task's result names its own, so two schemas' findings are not taken for one.
     */
    @Test
    void tenants_of_two_shared_schemas_failing_the_same_schema_wide_check_each_name_their_own_schema() {
        TargetSpec other = TestDatabases.postgres(TestDatabases.uniqueName());
        List<TenantTarget> tenants = new ArrayList<>(fleet.targets(0, 2));
        tenants.add(new TenantTarget(fleet.add("t003"), other));
        tenants.add(new TenantTarget(fleet.add("t004"), other));
        files.write("V2__serials.sql", """
                CREATE TABLE companies (id INT NOT NULL, tenant_id VARCHAR(20) NOT NULL, PRIMARY KEY (tenant_id, id));
                CREATE TABLE serials (id INT NOT NULL, tenant_id VARCHAR(20) NOT NULL, company_id INT NOT NULL,
                    PRIMARY KEY (tenant_id, id),
                    CONSTRAINT serials_company FOREIGN KEY (tenant_id, company_id) REFERENCES companies (tenant_id, id));
                """);
        VerifyOptions cascade = new VerifyOptions(Set.of(), List.of(new VerifyOptions.FkRule("companies", "CASCADE", null)),
                null, null, List.of(), null, null).sharedBy("tenant_id");
        try {
            DeployResult deploy = fleet.runner(Fleet.options(2, true).withVerify(cascade)).deploy(tenants);

            assertThat(deploy.tasks()).extracting(TaskResult::status).containsOnly(TaskStatus.FAILED);
            // The finding in the same words for both schemas; only the remedy's verify command names each one's tenants.
            java.util.function.Function<TaskResult, String> finding = t -> t.error().substring(0,
                    t.error().indexOf(" The migrations stay applied"));
            assertThat(deploy.tasks()).extracting(finding).as("the same words for both schemas").hasSize(4)
                    .allSatisfy(error -> assertThat(error).contains("expected CASCADE", CheckResult.SCHEMA_WIDE))
                    .containsOnly(finding.apply(deploy.tasks().get(0)));
            assertThat(deploy.tasks()).extracting(t -> t.tenant().value() + " in " + t.target()).containsExactlyInAnyOrder(
                    "t000 in " + fleet.targets().get(0).target().displayName(),
                    "t001 in " + fleet.targets().get(0).target().displayName(),
                    "t003 in " + other.displayName(), "t004 in " + other.displayName());
        } finally {
            TestDatabases.drop(other);
        }
    }
}
