package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookUrlsTest {
    @Test
    void a_chat_webhooks_token_in_its_path_is_masked_in_any_text_keeping_its_host_and_first_segment() {
        assertThat(JdbcUrls.redact("The hook `curl -d @- https://hooks.slack.com/services/T000/B000/XXXXXXXXsecret` failed"))
                .isEqualTo("The hook `curl -d @- https://hooks.slack.com/services/****` failed");
        assertThat(JdbcUrls.redact("POST https://discord.com/api/webhooks/123456789/Tok3nXyz-abc: HTTP 401"))
                .isEqualTo("POST https://discord.com/api/****: HTTP 401");
        assertThat(JdbcUrls.redact("sent to https://contoso.webhook.office.com/webhookb2/1a2b@3c4d/IncomingWebhook/5e6f/7a8b."))
                .isEqualTo("sent to https://contoso.webhook.office.com/webhookb2/****.");
        assertThat(JdbcUrls.redact("\"https://mattermost.example.com/hooks/xyzS3cretXyz\""))
                .isEqualTo("\"https://mattermost.example.com/hooks/****\"");
    }

    @Test
    void a_token_in_a_webhooks_query_is_masked_as_any_url_parameter_is() {
        assertThat(JdbcUrls.redact("https://ops.example.com/notify?token=T0kenXyz refused"))
                .isEqualTo("https://ops.example.com/notify?token=**** refused");
    }

    @Test
    void urls_that_are_not_webhooks_are_kept_as_written() {
        assertThat(JdbcUrls.redact("see https://docs.example.com/guide/deploy.html#hooks-section for more"))
                .as("a hook only in the fragment").isEqualTo("see https://docs.example.com/guide/deploy.html#hooks-section for more");
        assertThat(JdbcUrls.redact("https://github.com/acme/app/issues/12")).isEqualTo("https://github.com/acme/app/issues/12");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/app")).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void every_url_of_a_hooks_command_keeps_only_its_host_and_first_path_segment() {
        assertThat(WebhookUrls.maskEvery("curl -fsS https://ops.example.com/notify/acme/9f8e7d6c5b4a3f2e?x=1 && echo done"))
                .isEqualTo("curl -fsS https://ops.example.com/notify/**** && echo done");
        assertThat(WebhookUrls.maskEvery("https://ops.example.com/drain?code=C0deXyz")).isEqualTo("https://ops.example.com/drain?****");
        assertThat(WebhookUrls.maskEvery("https://ops.example.com/drain")).isEqualTo("https://ops.example.com/drain");
        assertThat(WebhookUrls.maskEvery("https://hook.eu1.make.com/a1b2c3d4e5f6g7h8i9j0"))
                .as("a lone segment that reads as a token").isEqualTo("https://hook.eu1.make.com/****");
    }
}
