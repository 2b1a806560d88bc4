package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import dev.flotilla.web.view.Layout;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A console job's results fragment (a dry run's, a verify's) rendered as its page polls it, the job already done. */
final class FinishedJobPages implements AutoCloseable {
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
            getClass().getClassLoader(), "dev.flotilla.web.templates");

    /** A job of {@code tenants} that gave {@code result}, finished; this object runs one job only. */
    <T> FleetJobs.Job<T> finished(List<TenantId> tenants, T result) throws InterruptedException {
        FleetJobs<T> jobs = new FleetJobs<>(background);
        FleetJobs.Job<T> job = jobs.start("olivia", tenants, () -> result, done -> { });
        background.shutdown();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).as("the job ran").isTrue();
        assertThat(job.done()).isTrue();
        assertThat(job.error()).isNull();
        return job;
    }

    String render(String template, FleetJobs.Job<?> job) {
        StringOutput output = new StringOutput();
        // The test step's results are masked by the console's control plane; here nothing is secret.
        templates.render(template, template.equals("wizard_test_result.jte") ? Map.of("layout", new Layout("Results", "wizard",
                null), "job", job, "mask", java.util.function.UnaryOperator.<String>identity())
                : Map.of("layout", new Layout("Results", "wizard", null), "job", job), output);
        return output.toString();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
