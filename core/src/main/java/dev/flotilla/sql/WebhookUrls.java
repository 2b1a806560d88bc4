package dev.flotilla.sql;

import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secret an http(s) hook's URL carries in its path, where no parameter's name says it is one: Slack's
 * {@code https://hooks.slack.com/services/T000/B000/XXXX}, Discord's {@code /api/webhooks/ID/TOKEN}, Teams'
 * {@code https://x.webhook.office.com/webhookb2/...}. What is kept is the scheme, the host and the first path segment
 * ({@code https://hooks.slack.com/services/****}), enough to tell which hook it is. Stateless.
 */
public final class WebhookUrls {
    /** What may stand in a URL: not a blank, a quote, a backtick, a bracket or a backslash (JSON's escape). */
    private static final String URL_CHAR = "[^\\s'\"`<>\\\\()\\[\\]{}]";
    private static final String SEGMENT_CHAR = "[^/?#\\s'\"`<>\\\\()\\[\\]{}]";
    /**
     * An http(s) URL: its scheme and host, its first path segment, and the rest (more segments, a query, a fragment); a
     * sentence's punctuation where it ends ({@code ...XXXX.}) is left out.
     */
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?://" + SEGMENT_CHAR + "+)(?:(/" + SEGMENT_CHAR + "*?)([/?#]"
            + URL_CHAR + "*?)?)?(?=[.,:;!?]*(?!" + URL_CHAR + "))");
    /** A lone path segment this long with a digit in it reads as a token ({@code https://hook.eu1.make.com/a1b2...}). */
    private static final int TOKEN_LENGTH = 16;

    private WebhookUrls() {
    }

    /**
     * {@code text} with every http(s) URL masked past its first path segment: for the command or URL of a hook, whose
     * URLs are a hook's, whatever their host.
     */
    public static String maskEvery(String text) {
        return text == null || !mayHoldUrl(text) ? text : URL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(masked(m)));
    }

    /** The http(s) URLs written in {@code text}, as written. */
    public static java.util.List<String> urlsIn(String text) {
        return text == null || !mayHoldUrl(text) ? java.util.List.of() : URL.matcher(text).results().map(MatchResult::group).toList();
    }

    /**
     * {@code text} with the URLs that read as a webhook's masked past their first path segment: those with {@code hook}
     * in their host or path (Slack, Discord, Teams, Mattermost, Zapier...) and IFTTT's. Any other URL is kept.
     */
    static String mask(String text) {
        if (!mayHoldUrl(text)) {
            return text;
        }
        return URL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(isWebhook(m) ? masked(m) : m.group()));
    }

    private static String masked(MatchResult url) {
        String first = url.group(2);
        String rest = url.group(3);
        if (rest != null) {
            return url.group(1) + first + rest.charAt(0) + "****";
        }
        boolean token = first != null && first.length() > TOKEN_LENGTH && first.chars().anyMatch(Character::isDigit);
        return token ? url.group(1) + "/****" : url.group();
    }

    private static boolean isWebhook(MatchResult url) {
        String rest = url.group(3) == null ? "" : url.group(3).split("[?#]", 2)[0];
        String where = (url.group(1) + (url.group(2) == null ? "" : url.group(2)) + rest).toLowerCase(Locale.ROOT);
        return where.contains("hook") || where.contains("ifttt.com");
    }

    /** Whether an http(s) URL may be written there: most texts masked (a task's log, a driver's message) hold none. */
    private static boolean mayHoldUrl(String text) {
        return text.indexOf("://") >= 0 && (text.indexOf("ttp") >= 0 || text.indexOf("TTP") >= 0);
    }
}
