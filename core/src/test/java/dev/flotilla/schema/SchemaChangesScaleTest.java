package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the console's deployment page costs to group a big deployment's changes from its tasks' logs: a timing printed,
 * never asserted (the machine is shared); what is asserted is the grouping.
 */
class SchemaChangesScaleTest {
    private static String log(int tenant) {
        StringBuilder log = new StringBuilder();
        for (int migration = 1; migration <= 4; migration++) {
            log.append("V").append(migration).append("__serials.sql: applied in 12 ms\n");
            for (int statement = 1; statement <= 12; statement++) {
                log.append("  #").append(statement).append(" line ").append(statement * 3).append(": 4 ms, 0 row(s)\n");
            }
            List<DdlObject> objects = new ArrayList<>();
            for (int table = 0; table < 5; table++) {
                objects.add(new DdlObject(Kind.TABLE, false, "t" + migration + "_" + table));
                objects.add(new DdlObject(Kind.INDEX, false, "idx_t" + migration + "_" + table));
            }
            new SchemaChanges(objects).appendTo(log);
        }
        return log.append(tenant % 100 == 0 ? "notice: tenant " + tenant + " had no history table\n" : "").toString();
    }

    @Test
    void grouping_the_changes_of_two_thousand_tasks_from_their_logs_is_timed() {
        List<String> logs = java.util.stream.IntStream.range(0, 2_000).mapToObj(SchemaChangesScaleTest::log).toList();
        List<String> grouped = List.of();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            grouped = SchemaChanges.grouped(logs.stream().map(SchemaChanges::inLog).toList());
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("SchemaChangesScaleTest: 2,000 tasks' logs (%d KB) read and grouped in %.1f ms (best of 5)%n",
                logs.stream().mapToInt(String::length).sum() / 1024, best / 1e6);

        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(0)).startsWith("Tables created: t1_0, t1_1").endsWith(" on 2000 tenant(s)");
    }
}
