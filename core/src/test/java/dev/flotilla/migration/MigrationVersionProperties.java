package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MigrationVersionProperties {
    @Property
    void compare_is_consistent_with_equals(@ForAll("versions") MigrationVersion a, @ForAll("versions") MigrationVersion b) {
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Property
    void single_parts_order_like_numbers(@ForAll("numbers") BigInteger a, @ForAll("numbers") BigInteger b) {
        assertThat(Integer.signum(MigrationVersion.parse(a.toString()).compareTo(MigrationVersion.parse(b.toString()))))
                .isEqualTo(a.compareTo(b));
    }

    @Property
    void parsing_the_text_gives_the_same_version(@ForAll("versions") MigrationVersion version) {
        assertThat(MigrationVersion.parse(version.toString())).isEqualTo(version);
        assertThat(MigrationVersion.parse(version.toString().replace('.', '_'))).isEqualTo(version);
        assertThat(MigrationVersion.parse(version + ".0")).isEqualTo(version);
    }

    @Property
    void leading_zeros_do_not_matter(@ForAll("numbers") BigInteger n) {
        assertThat(MigrationVersion.parse("000" + n)).isEqualTo(MigrationVersion.parse(n.toString()));
    }

    @Provide
    Arbitrary<MigrationVersion> versions() {
        return numbers().list().ofMinSize(1).ofMaxSize(4).map(parts -> new MigrationVersion(List.copyOf(parts)));
    }

    @Provide
    Arbitrary<BigInteger> numbers() {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, new BigInteger("99999999999999999999"));
    }
}
