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
        assertThat(RecordedOptions.parse(off)).isEqualTo(new RecordedOptions(8, 4, false, false));
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
}
