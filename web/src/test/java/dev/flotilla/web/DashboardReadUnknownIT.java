package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.AuditLog;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The dashboard's read of the unknown tenants asked for when there is none: refused, saying so, the refusal audited. */
class DashboardReadUnknownIT extends ConsoleOverHttp {
    @Test
    void reading_the_unknown_tenants_when_every_one_is_read_is_refused_and_the_refusal_audited() throws Exception {
        String viewer = signIn("victor", DemoConsole.VIEWER_PASSWORD);

        HttpResponse<String> read = form(viewer, "/fleet/read-unknown", "");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(400);
        assertThat(read.body()).contains("state is unknown now", "Nothing was started");
        assertThat(get("/", null, viewer).body()).as("no unknown card, no button").doesNotContain("id=\"read-unknown\"");
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("victor", "plan.requested", null), 0, 5))
                .extracting(AuditLog.Entry::outcome).containsExactly("denied");
    }
}
