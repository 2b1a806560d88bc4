package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One job mechanism for the console's fleet work, dry runs included: a job is told its start (to record it, with its
 * id) before it runs, and its result or its failure (to record and audit them) before it shows them.
 */
class FleetJobsTest {
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final FleetJobs<String> jobs = new FleetJobs<>(background);
    private final List<String> told = new ArrayList<>();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    /** Work that says what it is told, and what the job shows then. */
    private FleetJobs.Work<String> work(RuntimeException failure) {
        return new FleetJobs.Work<>() {
            @Override
            public void starting(FleetJobs.Job<String> job) {
                told.add("starting " + !job.id().isEmpty() + " listed " + jobs.find(job.id()).isPresent());
            }

            @Override
            public String run() {
                if (failure != null) {
                    throw failure;
                }
                return "diffs";
            }

            @Override
            public void finished(FleetJobs.Job<String> job, String result) {
                told.add("finished " + result + " done " + job.done());
            }

            @Override
            public void failed(FleetJobs.Job<String> job, String error) {
                told.add("failed " + error + " done " + job.done());
            }
        };
    }

    private void awaitWork() throws InterruptedException {
        background.shutdown();
        assertThat(background.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_job_is_told_its_start_before_it_is_listed_and_its_result_before_it_shows_done() throws Exception {
        FleetJobs.Job<String> job = jobs.start("ops", List.of("2", "3"), false, List.of(TenantId.of("acme")), work(null));
        awaitWork();

        assertThat(told).containsExactly("starting true listed false", "finished diffs done false");
        assertThat(jobs.find(job.id())).containsSame(job);
        assertThat(job.done()).isTrue();
        assertThat(job.result()).isEqualTo("diffs");
        assertThat(job.versions()).containsExactly("2", "3");
        assertThat(job.tenants()).containsExactly(TenantId.of("acme"));
        assertThat(job.user()).isEqualTo("ops");
    }

    @Test
    void a_jobs_result_is_masked_by_its_scrub_before_it_is_told_and_shown() throws Exception {
        FleetJobs<String> masking = new FleetJobs<>(background, text -> text.replace("diffs", "****"),
                (result, scrub) -> scrub.apply(result));
        List<String> finished = new ArrayList<>();

        FleetJobs.Job<String> job = masking.start("ops", List.of(TenantId.of("acme")), () -> "diffs quoted", finished::add);
        awaitWork();

        assertThat(finished).containsExactly("**** quoted");
        assertThat(job.result()).isEqualTo("**** quoted");
    }

    @Test
    void a_job_that_fails_as_a_whole_is_told_why_before_it_shows_the_error() throws Exception {
        FleetJobs.Job<String> job = jobs.start("ops", List.of("2"), false, List.of(TenantId.of("acme")),
                work(new IllegalStateException("the migrations could not be read")));
        awaitWork();

        assertThat(told).containsExactly("starting true listed false", "failed the migrations could not be read done false");
        assertThat(job.error()).isEqualTo("the migrations could not be read");
        assertThat(job.result()).isNull();
    }

    @Test
    void work_without_versions_keeps_none() throws Exception {
        FleetJobs.Job<String> job = jobs.start("ops", List.of(TenantId.of("acme")), () -> "report", report -> told.add(report));
        awaitWork();

        assertThat(job.versions()).isEmpty();
        assertThat(told).containsExactly("report");
    }
}
