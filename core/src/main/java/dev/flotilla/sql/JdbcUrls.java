package dev.flotilla.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks secrets written inside JDBC URLs, so a URL can be shown in messages, logs and reports. */
public final class JdbcUrls {
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;])[a-z]*(?:password|passwd|pwd|secret|token)[a-z]*=)([^&;]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)([^/@?;]*)(@)");

    private JdbcUrls() {
    }

    /** The secret values written inside a URL (password parameters, {@code user:password@}), to mask elsewhere. */
    public static java.util.List<String> secretsIn(String url) {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        if (url != null) {
            SECRET_PARAMETER.matcher(url).results().map(m -> m.group(2)).filter(v -> !v.isEmpty()).forEach(secrets::add);
            USER_INFO.matcher(url).results().map(m -> m.group(2)).filter(v -> !v.isEmpty()).forEach(secrets::add);
        }
        return secrets;
    }

    /** The URL with every password-like parameter and {@code user:password@} replaced by {@code ****}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = SECRET_PARAMETER.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
        return USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****" + m.group(3)));
    }
}
