package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeLineTest {
    private static TenantPlan noticed(String tenant, String target, Advice notice) {
        return new TenantPlan(TenantId.of(tenant), target, null, List.of("1"), List.of(), null, null, null)
                .withNotice(notice);
    }

    private static Advice tables(String target, int count) {
        return Advice.of(target + " has " + count + " table(s): record them with ", Remedy.of("baseline", "--version", "V"), ".");
    }

    @Test
    void three_targets_noticed_alike_are_one_line_its_commands_for_them_all_and_two_are_a_line_each() {
        List<TenantPlan> plans = List.of(noticed("a", "db/a", tables("db/a", 2)), noticed("b", "db/b", tables("db/b", 5)),
                new TenantPlan(TenantId.of("quiet"), "db/quiet", "1", List.of(), List.of(), null, null, null),
                noticed("c", "db/c", tables("db/c", 1)));

        List<NoticeLine> lines = NoticeLine.of(plans);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).grouped()).isTrue();
        assertThat(lines.get(0).text()).isEqualTo("a, b, c, alike (3 tenant(s); as a's reads): db/a has 2 table(s): record"
                + " them with `flotilla baseline --tenants a,b,c --version V`.");
        assertThat(NoticeLine.of(plans.subList(0, 2))).extracting(NoticeLine::text).containsExactly(
                "a: db/a has 2 table(s): record them with `flotilla baseline --tenants a --version V`.",
                "b: db/b has 5 table(s): record them with `flotilla baseline --tenants b --version V`.");
    }

    @Test
    void tenants_sharing_a_target_are_one_line_and_a_grouped_line_names_five_then_counts_the_rest() {
        List<TenantPlan> shared = List.of(noticed("x", "db/s", tables("db/s", 3)), noticed("y", "db/s", tables("db/s", 3)));
        List<TenantPlan> many = java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(i -> noticed("t" + i, "db/t" + i, Advice.plain("db/t" + i + ": does not exist yet."))).toList();

        assertThat(NoticeLine.of(shared)).singleElement().satisfies(line -> {
            assertThat(line.grouped()).isFalse();
            assertThat(line.who()).isEqualTo("x, y");
        });
        assertThat(NoticeLine.of(many)).singleElement().extracting(NoticeLine::who)
                .isEqualTo("t1, t2, t3, t4, t5 and 2 more, alike (7 tenant(s); as t1's reads)");
    }
}
