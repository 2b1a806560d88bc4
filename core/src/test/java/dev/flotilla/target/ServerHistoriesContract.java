package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Dialect;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the fleet-wide history read must give on every server dialect; each {@code *IT} supplies the targets. */
abstract class ServerHistoriesContract {
    private final List<TargetSpec> targets = new ArrayList<>();

    abstract TargetSpec newTarget(String name);

    @AfterEach
    void dropTargets() {
        targets.forEach(TestDatabases::drop);
    }

    /** A target with a history table holding {@code versions}, in that order; null: a target without the table. */
    private TargetSpec target(List<String> versions) throws Exception {
        TargetSpec spec = newTarget(TestDatabases.uniqueName());
        targets.add(spec);
        try (TargetSession session = TargetSession.open(spec, true)) {
            if (versions != null) {
                session.history().createIfMissing();
                for (String version : versions) {
                    session.history().append(new AppliedMigration(0, version, "step " + version, MigrationKind.VERSIONED,
                            "V" + version + "__step.sql", "c" + version, "test", Instant.now(), 3, true, null, null));
                }
            }
        }
        return spec;
    }

    @Test
    void reads_every_schemas_rows_in_rank_order_over_several_round_trips_and_none_where_there_is_no_table() throws Exception {
        TargetSpec three = target(List.of("1", "2", "3"));
        TargetSpec noTable = target(null);
        TargetSpec one = target(List.of("7"));
        TargetSpec two = target(List.of("1", "2"));
        String neverCreated = TestDatabases.uniqueName();
        List<String> schemas = List.of(three.schema(), noTable.schema(), neverCreated, one.schema(), two.schema());

        Map<String, List<AppliedMigration>> histories;
        try (Connection connection = TargetSession.connectToServer(three)) {
            histories = ServerHistories.read(Dialect.forUrl(three.url()), connection, schemas, "tenant_migrations", 2);
        }

        assertThat(histories.keySet()).containsExactlyElementsOf(schemas);
        assertThat(histories.get(three.schema())).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
        assertThat(histories.get(three.schema())).extracting(AppliedMigration::rank).containsExactly(1, 2, 3);
        assertThat(histories.get(one.schema())).singleElement().satisfies(row -> {
            assertThat(row.version()).isEqualTo("7");
            assertThat(row.script()).isEqualTo("V7__step.sql");
            assertThat(row.checksum()).isEqualTo("c7");
            assertThat(row.success()).isTrue();
        });
        assertThat(histories.get(two.schema())).extracting(AppliedMigration::version).containsExactly("1", "2");
        assertThat(histories.get(noTable.schema())).isEmpty();
        assertThat(histories.get(neverCreated)).isEmpty();
    }
}
