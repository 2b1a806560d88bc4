package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a refusal tells its reader to do, on a page of the console: the buttons the console has for it and where they are,
 * the command line's command kept as a hint; the API, read by programs and pipelines, keeps the command line's words.
 * And the files step says the gaps in the folder's numbering, as validate and lint notice them.
 */
class ConsoleNextStepsIT extends ConsoleOverHttp {
    @Test
    void a_resume_held_back_by_a_failed_canary_names_the_deployment_pages_buttons_then_the_commands() throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String id = demo.deployedOneByOne(List.of(TenantId.of("maison_atelier")));
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> page = form(adminSession(), "/deployments/" + id + "/resume", "");
        HttpResponse<String> api = post("/api/v1/deployments/" + id + "/resume", token, "");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
        assertThat(unescaped(page.body())).contains("canary maison_atelier failed",
                "then “Retry failed” on deployment " + id + "'s page (on the command line: `flotilla deploy --retry-failed "
                        + id + "`) (the canaries only) and “Resume” on deployment " + id + "'s page (on the command line:"
                        + " `flotilla deploy --resume " + id + "`) (the rest)",
                "“Resume past failures” on deployment " + id + "'s page (on the command line: `flotilla deploy --resume "
                        + id + " --continue-on-error`)");
        assertThat(json(api).path("detail").asText()).as("the API keeps the command line's words")
                .contains("Fix it, then `flotilla deploy --retry-failed " + id + "` (the canaries only)")
                .doesNotContain("'s page", "“Retry failed”");
    }

    /** A page's text as it reads: jte writes an apostrophe and a quote as entities. */
    static String unescaped(String page) {
        return page.replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"").replace("&amp;", "&");
    }

    @Test
    void the_files_step_notices_a_gap_in_the_numbering() throws Exception {
        String session = adminSession();
        assertThat(get("/wizard/files", null, session).body()).doesNotContain("id=\"version-gaps\"");
        Files.writeString(demo.fleet.template().migrations().resolve("V5__later.sql"), "CREATE TABLE later_notes (id INT);\n");

        String page = get("/wizard/files", null, session).body();

        assertThat(page).contains("id=\"version-gaps\"", "Notice: 4 is missing between 3 and 5");
    }
}
