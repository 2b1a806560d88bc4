package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import org.junit.jupiter.api.Test;

class BackfillDirectiveTest {
    @Test
    void reads_every_part_and_writes_the_same_line_back() {
        String line = "-- flotilla:backfill table=customers column=tenant_id value='o''brien & co' key=id batch=500";

        BackfillDirective directive = BackfillDirective.parse(line);

        assertThat(directive).isEqualTo(new BackfillDirective("customers", "tenant_id", "'o''brien & co'", "id", 500));
        assertThat(directive.line()).isEqualTo(line);
    }

    @Test
    void batches_ten_thousand_rows_unless_told_and_takes_a_number_as_value() {
        assertThat(BackfillDirective.parse("-- flotilla:backfill table=t column=c value=42 key=id").batch()).isEqualTo(10_000);
    }

    @Test
    void names_the_missing_part_and_shows_how_to_write_it() {
        assertThatThrownBy(() -> BackfillDirective.parse("-- flotilla:backfill table=t column=c key=id"))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("needs value=")
                .hasMessageContaining("table=T column=C value='V' key=ID batch=10000");
    }

    @Test
    void refuses_a_value_that_is_not_a_literal_so_nothing_can_be_smuggled_into_the_update() {
        assertThatThrownBy(() -> BackfillDirective.parse("-- flotilla:backfill table=t column=c value=now();drop key=id"))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("quoted string or a number");
        assertThatThrownBy(() -> BackfillDirective.parse("-- flotilla:backfill table=t;x column=c value=1 key=id"))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Invalid backfill table name");
    }

    @Test
    void refuses_a_batch_that_is_not_a_positive_number() {
        assertThatThrownBy(() -> BackfillDirective.parse("-- flotilla:backfill table=t column=c value=1 key=id batch=0"))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("1 or more rows");
        assertThatThrownBy(() -> BackfillDirective.parse("-- flotilla:backfill table=t column=c value=1 key=id batch=lots"))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("not a number");
    }
}
