package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationVersion;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the control plane keeps of a tenant's baseline, from its history's rows (tenants.baseline_version). */
class BaselinedTest {
    @Test
    void versions_at_or_below_the_baseline_that_ran_there_are_kept_apart_from_those_baselined() {
        Baselined baseline = Baselined.of(List.of("1", "2", "3"), List.of("4", "3", "2.5", "2", "1"));

        assertThat(baseline.column()).isEqualTo("3 ran 2.5");
        assertThat(baseline.recordedWithoutRunning(MigrationVersion.parse("2"))).isTrue();
        assertThat(baseline.recordedWithoutRunning(MigrationVersion.parse("2.5"))).as("its row says it ran").isFalse();
        assertThat(baseline.recordedWithoutRunning(MigrationVersion.parse("4"))).isFalse();
        assertThat(Baselined.parse("3 ran 2.5")).isEqualTo(baseline);
    }

    @Test
    void a_history_without_a_baseline_says_none_and_a_column_never_written_is_unknown() {
        assertThat(Baselined.of(List.of(), List.of("1", "2")).column()).isEqualTo("none");
        assertThat(Baselined.parse("none")).isEqualTo(Baselined.NONE);
        assertThat(Baselined.parse(null)).as("not learned").isNull();
        assertThat(Baselined.parse("3")).isEqualTo(new Baselined("3", List.of()));
    }

    @Test
    void too_many_versions_ran_below_the_baseline_for_the_column_keeps_only_those_baselined_below_the_first() {
        List<String> ran = IntStream.rangeClosed(1, 30).mapToObj(i -> "2." + i).toList();
        List<String> inEffect = new java.util.ArrayList<>(ran);
        inEffect.addAll(List.of("1", "2", "3"));

        Baselined baseline = Baselined.of(List.of("1", "2", "3"), inEffect);

        assertThat(baseline.column()).isEqualTo("2");
        assertThat(baseline.recordedWithoutRunning(MigrationVersion.parse("2.7"))).isFalse();
        assertThat(baseline.recordedWithoutRunning(MigrationVersion.parse("3"))).as("counted as run: the safe side").isFalse();
    }
}
