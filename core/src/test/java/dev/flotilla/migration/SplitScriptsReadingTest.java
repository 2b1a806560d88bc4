package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What is read of a split script is read once a deployment, not once a tenant, while the script's text stays the same. */
class SplitScriptsReadingTest {
    private static final String SCRIPT = "V2__orders.sql";
    private final SplitScripts splits = new SplitScripts();
    private final Dialect postgres = Dialect.forUrl("jdbc:postgresql:");
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void a_reading_of_the_same_split_is_made_once() {
        List<SqlStatement> first = splits.split(SCRIPT, "CREATE TABLE orders (id int);", postgres);
        List<SqlStatement> again = splits.split(SCRIPT, "CREATE TABLE orders (id int);", postgres);

        Integer one = splits.reading(SCRIPT, first, postgres, "count", this::count);
        Integer other = splits.reading(SCRIPT, again, postgres, "count", this::count);

        assertThat(one).isEqualTo(other).isEqualTo(1);
        assertThat(reads).hasValue(1);
    }

    @Test
    void a_text_split_again_for_another_target_is_read_again_and_the_newer_kept() {
        List<SqlStatement> a = splits.split(SCRIPT, "CREATE TABLE a_orders (id int);", postgres);
        splits.reading(SCRIPT, a, postgres, "count", this::count);
        List<SqlStatement> b = splits.split(SCRIPT, "CREATE TABLE b_orders (id int); CREATE INDEX i ON b_orders (id);",
                postgres);

        assertThat(splits.reading(SCRIPT, a, postgres, "count", this::count)).as("no longer the split kept").isEqualTo(1);
        assertThat(splits.reading(SCRIPT, b, postgres, "count", this::count)).isEqualTo(2);
        assertThat(splits.reading(SCRIPT, b, postgres, "count", this::count)).isEqualTo(2);
        assertThat(reads).hasValue(3);
    }

    @Test
    void readings_are_kept_apart_by_what_was_read_and_by_dialect() {
        Dialect mariadb = Dialect.forUrl("jdbc:mariadb:");
        Dialect mysql = Dialect.forUrl("jdbc:mysql:");
        List<SqlStatement> statements = splits.split(SCRIPT, "CREATE TABLE orders (id int);", mariadb);

        splits.reading(SCRIPT, statements, mariadb, "count", this::count);
        splits.reading(SCRIPT, statements, mariadb, "another", this::count);
        splits.reading(SCRIPT, splits.split(SCRIPT, "CREATE TABLE orders (id int);", mysql), mysql, "count", this::count);

        assertThat(reads).as("the same rules split both, but a reading may differ by dialect")
                .hasValue(mariadb.name().equals(mysql.name()) ? 2 : 3);
    }

    private Integer count(List<SqlStatement> statements) {
        reads.incrementAndGet();
        return statements.size();
    }
}
