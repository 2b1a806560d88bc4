package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.fleet.FleetJobs;
import dev.flotilla.web.fleet.FleetReads;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's "Read them now" page: while it reads, how many tenants are read so far (the page polls it); once done,
 * every tenant's plan, {@value FleetReads#PAGE} to a page with links to the others.
 */
class FleetReadPagesTest {
    private final Templates templates = new Templates();
    /** One thread: a job started is done once a task submitted after it has run. */
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final FleetJobs<List<TenantPlan>> reads = new FleetJobs<>(background);

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void a_read_running_says_how_many_tenants_are_read_so_far() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        FleetJobs.Job<List<TenantPlan>> job = reads.start("alice", List.of(TenantId.of("t1"), TenantId.of("t2")), () -> {
            try {
                reading.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }, plans -> { });
        job.progressed(3, 5);

        String page = render(job, 0);
        reading.countDown();

        assertThat(page).contains("Reading 2 tenant(s)… <span id=\"fleet-read-progress\">3 of 5 read</span>");
    }

    @Test
    void a_read_of_more_tenants_than_a_page_lists_them_all_a_page_at_a_time() throws Exception {
        List<TenantPlan> plans = IntStream.range(0, FleetReads.PAGE + 1).mapToObj(i -> TenantPlan.unreachable(
                TenantId.of(String.format("t%04d", i)), "db", new FlotillaException(ErrorCode.CONNECTION_FAILED, "down"))).toList();
        FleetJobs.Job<List<TenantPlan>> job = reads.start("alice", List.of(TenantId.of("t0000")), () -> plans, done -> { });
        background.submit(() -> { }).get();

        String first = render(job, 0);
        String second = render(job, 1);

        assertThat(rows(first)).isEqualTo(FleetReads.PAGE);
        assertThat(first).contains("data-tenant=\"t0000\"", "data-tenant=\"t0499\"").doesNotContain("data-tenant=\"t0500\"")
                .contains("Tenants 1 to 500 of 501", "<a href=\"/fleet/reads/" + job.id() + "?page=2\" id=\"fleet-read-next\">next 1</a>")
                .doesNotContain("fleet-read-previous");
        assertThat(rows(second)).isEqualTo(1);
        assertThat(second).contains("data-tenant=\"t0500\"", "Tenants 501 to 501 of 501",
                "<a href=\"/fleet/reads/" + job.id() + "?page=1\" id=\"fleet-read-previous\">previous 500</a>")
                .doesNotContain("fleet-read-next");
    }

    private String render(FleetJobs.Job<?> job, int page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("layout", FirstRunPagesTest.layoutOf(Role.VIEWER));
        parameters.put("job", job);
        parameters.put("page", page);
        return templates.render("fleet_read_result.jte", parameters);
    }

    private static int rows(String page) {
        return page.split("<tr data-tenant=", -1).length - 1;
    }
}
