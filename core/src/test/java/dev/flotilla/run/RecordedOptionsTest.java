package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.backup.BackupPolicy;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.ValidationPolicy;
import java.nio.file.Path;
import java.util.List;
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
    void one_run_with_backups_or_recorded_by_an_older_flotilla_does_not_say_they_were_off() {
        String on = RecordedOptions.written(FleetOptions.defaults().withBackup(new BackupPolicy(Path.of("saved"), 3)),
                ValidationPolicy.STRICT, null, NONE);

        assertThat(on).isEqualTo("concurrency=8 perServer=4 skipChecks");
        assertThat(RecordedOptions.backupsOff(on)).isFalse();
        assertThat(RecordedOptions.backupsOff("concurrency=1 perServer=4 upTo=2")).isFalse();
        assertThat(RecordedOptions.backupsOff(null)).isFalse();
    }
}
