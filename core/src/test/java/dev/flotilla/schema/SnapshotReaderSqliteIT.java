package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotReaderSqliteIT extends SnapshotReaderContract {
    @Override
    TargetSpec newTarget(Path temp, int n) {
        return new TargetSpec("jdbc:sqlite:" + temp.resolve("tenant" + n + ".db"), null, null, null, null);
    }

    @Test
    void a_check_is_read_from_the_stored_create_table_as_sqlite_reads_it_comments_and_quoted_names_included() throws Exception {
        SchemaSnapshot snapshot = build(target(1), List.of("CREATE TABLE serials (id INTEGER PRIMARY KEY,"
                + " qty INTEGER CHECK (qty >= 0 /* can't be negative */), \"odd)\" INTEGER CHECK (\"odd)\" <> 1))"));

        assertThat(snapshot.table("serials").orElseThrow().checks()).extracting(SchemaSnapshot.Check::expression)
                .containsExactlyInAnyOrder("(qty >= 0 /* can't be negative */)", "(\"odd)\" <> 1)");
    }
}
