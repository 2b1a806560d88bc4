package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What PostgreSQL says of a failed statement quotes the statement's values: a password written in a migration (the
 * target's own, reused; or one written as {@code password=...}) comes back in it. Every report of such a failure shows
 * it masked. The test server trusts its local logins, so the target's password is set but never checked.
 */
class SecretsInFailuresPostgresIT {
    private static final String PASSWORD = "Rt8pwSecret";
    private static final String OTHER = "Kw0rdValue9";

    @TempDir
    Path temp;

    private final List<TargetSpec> created = new ArrayList<>();

    @AfterEach
    void drop() {
        TestDatabases.drop(created);
    }

    private TargetSpec target() {
        TargetSpec plain = TestDatabases.postgres(TestDatabases.uniqueName());
        TargetSpec spec = new TargetSpec(plain.url(), plain.user(), Secret.of(PASSWORD), plain.schema(), null);
        created.add(spec);
        return spec;
    }

    private DryRunReport roundTripOf(String down) {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__base.sql", "CREATE TABLE serials (id INT PRIMARY KEY);\n");
        files.write("U1__base.sql", down);
        return Flotilla.load(TargetOptions.of(target(), files.path()))
                .dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, null, true));
    }

    private static String everythingSaid(DryRunReport report) {
        return report.roundTrips() + " " + report.run().problems() + " " + report.run().notices();
    }

    @Test
    void a_round_trip_whose_down_file_fails_quoting_the_targets_password_reports_it_masked() {
        DryRunReport report = roundTripOf("SELECT '" + PASSWORD + "'::int;\n");

        assertThat(report.roundTrips()).singleElement().satisfies(r -> assertThat(r.ok()).isFalse());
        assertThat(everythingSaid(report)).contains("invalid input syntax", "\"****\"").doesNotContain(PASSWORD);
    }

    @Test
    void a_password_written_as_a_keyword_in_a_failed_statement_is_masked_whatever_its_value() {
        DryRunReport report = roundTripOf("SELECT 'host=db.internal password=" + OTHER + "'::int;\n");

        assertThat(everythingSaid(report)).contains("host=db.internal password=****").doesNotContain(OTHER);
    }
}
