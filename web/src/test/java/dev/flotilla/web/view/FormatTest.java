package dev.flotilla.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void an_applied_or_baselined_migration_reads_as_good_news_and_a_pending_one_as_a_warning() {
        assertThat(Format.tone("applied")).isEqualTo("ok");
        assertThat(Format.tone("baselined")).isEqualTo("ok");
        assertThat(Format.tone("pending")).isEqualTo("warn");
        assertThat(Format.tone("failed")).isEqualTo("bad");
    }

    @Test
    void a_dry_run_that_succeeded_reads_as_good_news_as_a_deployment_that_did() {
        assertThat(Format.tone("success")).isEqualTo(Format.tone("succeeded")).isEqualTo("ok");
        assertThat(Format.tone("warning")).isEqualTo("warn");
        assertThat(Format.tone("error")).isEqualTo("bad");
    }

    @Test
    void a_tenant_whose_login_was_refused_reads_as_bad_news_as_an_unreachable_one_does() {
        assertThat(Format.tone("refused")).isEqualTo(Format.tone("unreachable")).isEqualTo("bad");
    }

    @Test
    void a_schema_diffs_json_key_reads_as_words_on_a_page() {
        assertThat(Format.words("tablesCreated")).isEqualTo("Tables created");
        assertThat(Format.words("columnsChanged")).isEqualTo("Columns changed");
        assertThat(Format.words("dropped")).isEqualTo("Dropped");
    }
}
