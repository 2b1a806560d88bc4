package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationVersionTest {
    @Test
    void versions_compare_numerically_part_by_part() {
        List<String> sorted = Stream.of("2", "1.10", "2025.11", "1.2", "1", "10")
                .map(MigrationVersion::parse).sorted().map(MigrationVersion::toString).toList();

        assertThat(sorted).containsExactly("1", "1.2", "1.10", "2", "10", "2025.11");
    }

    @Test
    void one_and_one_point_zero_and_001_are_the_same_version() {
        assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("001")).isEqualTo(MigrationVersion.parse("1"));
        assertThat(MigrationVersion.parse("2025_11_01")).hasToString("2025.11.1");
    }

    @Test
    void a_version_made_of_parts_reads_as_its_parts_without_the_trailing_zeros() {
        MigrationVersion version = new MigrationVersion(List.of(java.math.BigInteger.ONE, java.math.BigInteger.TWO,
                java.math.BigInteger.ZERO, java.math.BigInteger.ZERO));

        assertThat(version).hasToString("1.2").isEqualTo(MigrationVersion.parse("1.2"))
                .hasSameHashCodeAs(MigrationVersion.parse("01.2.0"));
        assertThat(version.parts()).containsExactly(java.math.BigInteger.ONE, java.math.BigInteger.TWO);
    }

    @Test
    void text_that_is_not_a_version_is_rejected() {
        for (String bad : List.of("", "1..2", "v1", "1.", "1.a", "-1")) {
            assertThatThrownBy(() -> MigrationVersion.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_version_keeps_its_text_as_written_for_display_but_compares_without_it() {
        MigrationVersion written = MigrationVersion.parse("2025_10_01_060201");

        assertThat(written.label()).isEqualTo("2025_10_01_060201");
        assertThat(written).hasToString("2025.10.1.60201").isEqualTo(MigrationVersion.parse("2025.10.1.60201"))
                .hasSameHashCodeAs(MigrationVersion.parse("2025.10.01.060201"))
                .isEqualByComparingTo(MigrationVersion.parse("2025.10.1.60201"));
        assertThat(MigrationVersion.parse("2025.10.1.60201").label()).isEqualTo("2025.10.1.60201");
        assertThat(new MigrationVersion(List.of(java.math.BigInteger.TEN)).label()).isEqualTo("10");
    }
}
