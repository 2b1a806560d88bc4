package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration failing outside a transaction records its error in the target's own history table: a secret placeholder's
 * value the database quotes in it never lands there, and what a plan or a status returns of a row that holds one (written
 * before Flotilla masked it) is masked too.
 */
abstract class FailedHistorySecretsContract {
    static final String SECRET = "Pw-S3cretXyz";

    @TempDir
    Path temp;

    private TargetSpec target;

    /** A new, empty target of the dialect. */
    abstract TargetSpec newTarget();

    /** A migration that runs outside a transaction and fails at its last statement quoting {@code ${db_password}}. */
    abstract String failingOutsideTransaction();

    @AfterEach
    void dropTarget() {
        if (target != null) {
            TestDatabases.drop(target);
        }
    }

    @Test
    void a_failing_statement_quoting_a_secret_placeholder_is_recorded_in_the_targets_history_masked() throws Exception {
        TargetRunner runner = runner(folderWith(failingOutsideTransaction()));

        assertThat(runner.migrate().ok()).isFalse();

        String recorded = errorInHistory();
        assertThat(recorded).as("the history's error_message").contains("failed at statement", "****")
                .doesNotContain(SECRET);
    }

    @Test
    void a_plan_and_a_status_return_a_history_error_holding_a_secret_placeholders_value_masked() throws Exception {
        Path folder = folderWith(failingOutsideTransaction());
        assertThat(runner(folder).migrate().ok()).isFalse();
        try (Connection connection = TestDatabases.connect(target)) {
            Jdbc.update(connection, "UPDATE " + history() + " SET error_message = ?", "written before: " + SECRET + " quoted");
        }

        TargetPlan plan = runner(folder).plan();
        TargetPlan status = Flotilla.load(options(folder)).status();

        for (TargetPlan read : java.util.List.of(plan, status)) {
            assertThat(read.statuses()).extracting(MigrationStatus::latest).filteredOn(java.util.Objects::nonNull)
                    .extracting(AppliedMigration::error).singleElement().asString()
                    .contains("written before: **** quoted");
            assertThat(read.problems(ValidationPolicy.STRICT)).isNotEmpty().allSatisfy(p ->
                    assertThat(p.message()).doesNotContain(SECRET));
        }
    }

    private String errorInHistory() throws Exception {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryString(connection, "SELECT error_message FROM " + history());
        }
    }

    private String history() {
        return (target.schema() == null ? "" : target.schema() + ".") + "\"tenant_migrations\"";
    }

    private Path folderWith(String migration) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__grant.sql"), migration);
        return folder;
    }

    private TargetRunner runner(Path folder) {
        return new TargetRunner(options(folder), new MigrationLoader(Set.of("db_password")).load(folder));
    }

    private TargetOptions options(Path folder) {
        if (target == null) {
            target = newTarget();
        }
        return new TargetOptions(target, folder, Map.of("db_password", SECRET), null, Duration.ofSeconds(60), null, null,
                null, "test");
    }
}
