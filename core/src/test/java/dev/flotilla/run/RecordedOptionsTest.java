package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.ValidationPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordedOptionsTest {
    private static final LoadedMigrations NONE = new LoadedMigrations(List.of(), List.of());

    @Test
    void a_deployment_run_without_backups_records_so_and_reads_it_back() {
        String off = RecordedOptions.written(FleetOptions.defaults(), ValidationPolicy.STRICT, MigrationVersion.parse("3"), NONE);

        assertThat(off).isEqualTo("concurrency=8 perServer=4 skipChecks backup=off upTo=3");
        assertThat(RecordedOptions.backupsOff(off)).isTrue();
        assertThat(RecordedOptions.parse(off)).isEqualTo(new RecordedOptions(8, 4, false, false, false, true, true));
    }

    @Test
    void the_version_a_deployment_goes_up_to_is_shown_as_its_file_writes_it_and_the_rest_as_recorded() {
        dev.flotilla.migration.VersionSpellings spellings = new LoadedMigrations(List.of(new dev.flotilla.migration.Migration(
                MigrationVersion.parse("2025_11_01_000000"), "b", "2025_11_01_000000_b.sql",
                dev.flotilla.migration.MigrationKind.VERSIONED, "c", "CREATE TABLE b (id INT);\n", null)), List.of()).spellings();

        assertThat(RecordedOptions.shown("concurrency=8 perServer=4 backup=off upTo=2025.11.1", spellings))
                .isEqualTo("concurrency=8 perServer=4 backup=off upTo=2025_11_01_000000");
        assertThat(RecordedOptions.shown("rollback of d-1 backup=off", spellings)).isEqualTo("rollback of d-1 backup=off");
    }

    @Test
    void a_deployment_run_without_its_tenant_hooks_records_so_and_its_resume_runs_without_them() {
        FleetOptions off = FleetOptions.defaults().withHooks(new Hooks("echo start", null, "echo on", "echo off")
                .withoutMaintenance());
        String written = RecordedOptions.written(off, ValidationPolicy.STRICT, null, NONE);
        FleetOptions given = FleetOptions.defaults().withHooks(new Hooks("echo start", null, "echo on", "echo off"));

        assertThat(written).isEqualTo("concurrency=8 perServer=4 skipChecks backup=off maintenance=off");
        RecordedOptions recorded = RecordedOptions.parse(written);
        FleetOptions resumed = recorded.over(given, Set.of());
        assertThat(resumed.hooks()).isEqualTo(new Hooks("echo start", null, null, null, true));
        assertThat(recorded.describe(resumed, Set.of())).endsWith(", without the beforeTenant/afterTenant hooks"
                + " (--no-maintenance, as recorded)");
        RecordedOptions on = RecordedOptions.parse("concurrency=8 perServer=4");
        assertThat(on.over(given, Set.of()).hooks()).isEqualTo(given.hooks());
        assertThat(on.describe(on.over(given, Set.of()), Set.of())).doesNotContain("hooks");
        assertThat(on.describe(on.over(off, Set.of()), Set.of())).endsWith("(--no-maintenance, given now)");
    }

    @Test
    void one_run_with_backups_or_recorded_by_an_older_flotilla_does_not_say_they_were_off() {
        String on = RecordedOptions.written(FleetOptions.defaults().withBackup(new BackupPolicy(Path.of("saved"), 3)),
                ValidationPolicy.STRICT, null, NONE);

        assertThat(on).isEqualTo("concurrency=8 perServer=4 skipChecks");
        assertThat(RecordedOptions.backupsOff(on)).isFalse();
        assertThat(RecordedOptions.backupsOff("concurrency=1 perServer=4 upTo=2")).isFalse();
        assertThat(RecordedOptions.backupsOff(null)).isFalse();
    }

    @Test
    void a_resume_of_a_deployment_run_without_backups_and_checks_takes_them_unless_skipped_again_and_says_so() {
        RecordedOptions recorded = RecordedOptions.parse(RecordedOptions.written(FleetOptions.defaults(),
                ValidationPolicy.STRICT, null, NONE));
        FleetOptions configured = FleetOptions.defaults().withBackup(new BackupPolicy(Path.of("saved"), 3))
                .withVerify(dev.flotilla.verify.VerifyOptions.DEFAULTS);

        FleetOptions resumed = recorded.over(configured, Set.of());

        assertThat(resumed.backup()).as("backups are the safe side").isEqualTo(configured.backup());
        assertThat(resumed.verify()).isEqualTo(configured.verify());
        assertThat(recorded.describe(resumed, Set.of())).endsWith(", running the checks, though it was started without"
                + " them (--skip-checks again skips them), taking backups, though it was started without them"
                + " (--skip-backup again skips them)");
        FleetOptions skippedAgain = recorded.over(FleetOptions.defaults(), Set.of());
        assertThat(skippedAgain.backup()).isNull();
        assertThat(recorded.describe(skippedAgain, Set.of())).doesNotContain("backups", "checks");
        RecordedOptions took = RecordedOptions.parse("concurrency=8 perServer=4");
        assertThat(took.describe(took.over(configured, Set.of()), Set.of())).doesNotContain("backups", "checks");
    }

    @Test
    void a_rollback_records_its_backups_and_tenant_hooks_off_and_its_resume_says_what_it_runs_without() {
        FleetOptions off = FleetOptions.defaults().withHooks(new Hooks(null, null, "echo on", null).withoutMaintenance());
        String written = RecordedOptions.writtenForRollback("rollback of d-1", off);
        RecordedOptions recorded = RecordedOptions.parse(written);
        FleetOptions given = FleetOptions.defaults().withHooks(new Hooks(null, null, "echo on", null))
                .withBackup(new BackupPolicy(Path.of("saved"), 3));

        assertThat(written).isEqualTo("rollback of d-1 backup=off maintenance=off");
        assertThat(recorded.continueOnError()).as("a rollback's resume takes its failure policy as given").isNull();
        FleetOptions resumed = recorded.over(given, Set.of());
        assertThat(resumed.hooks().maintenanceOff()).isTrue();
        assertThat(recorded.describeRollback(resumed)).isEqualTo("  taking backups, though it was started without them"
                + " (--skip-backup again skips them), without the beforeTenant/afterTenant hooks (--no-maintenance, as recorded)");
        assertThat(RecordedOptions.parse("rollback of d-1").describeRollback(given)).isNull();
    }
}
