package dev.flotilla.cli;

import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.target.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values given on the command line to an option whose name says it holds a secret ({@code --password=...},
 * {@code --password X}, {@code --token X}, {@code -pX}): no command takes one, so such an option is always refused,
 * and its value must not be quoted back in the refusal.
 */
final class SecretArguments {
    /** {@code --password}, {@code --db-password}, {@code --secret}, {@code --token}, {@code --api-key}, {@code -p}; not {@code --password-env}. */
    private static final Pattern SECRET_OPTION = Pattern.compile("(?i)--?([a-z0-9]+[-_])*(password|passwd|pwd|pass|secret|token"
            + "|api[-_]?key)|-p");
    /** What may stand around a whole argument quoted back in a message: its edges, blanks, quotes, brackets, commas. */
    private static final String ARGUMENT_EDGE = "\\s'\"`,;()\\[\\]{}<>";
    static final String MASK = "****";
    static final String ADVICE = " Pass a password by the name of the variable that holds it, --password-env VAR (or"
            + " --password-file FILE); never on the command line.";

    /**
     * A secret given on the command line.
     *
     * @param argument the argument that holds it, as given: {@code --password=abc}, {@code -pabc}, or the value alone
     *     when it followed its option
     * @param value the secret itself
     */
    record Given(String argument, String value) {
        /** The argument with its value masked: {@code --password=****}, {@code -p****}, {@code ****}. */
        String masked() {
            return argument.substring(0, argument.length() - value.length()) + MASK;
        }
    }

    private SecretArguments() {
    }

    /** The secret values among {@code args}. */
    static List<Given> in(String[] args) {
        List<Given> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (equals > 0 && SECRET_OPTION.matcher(arg.substring(0, equals)).matches()) {
                secrets.add(new Given(arg, arg.substring(equals + 1)));
            } else if (SECRET_OPTION.matcher(arg).matches() && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                secrets.add(new Given(args[i + 1], args[++i]));
            } else if (arg.startsWith("-p") && !arg.startsWith("--") && arg.length() > 2) {
                secrets.add(new Given(arg, arg.substring(2)));
            }
        }
        secrets.removeIf(given -> given.value().isEmpty());
        return secrets;
    }

    /**
     * {@code message} with every secret of {@code secrets} masked: each argument that holds one where the message quotes
     * it whole ({@code '--password=abc'}, {@code '-p1'}, {@code 'abc'}), however short; the value itself, as it is and
     * URL-encoded, where it stands as a value of its own (as {@link Secret#scrub} masks a password: not inside a longer
     * word, so {@code pass} leaves {@code --password-env} alone); and the secrets of any URL quoted, as
     * {@link JdbcUrls#redact} masks them.
     */
    static String masked(String message, List<Given> secrets) {
        String masked = message;
        List<Given> longestFirst = secrets.stream().sorted(Comparator.comparingInt((Given g) -> g.argument().length()).reversed())
                .toList();
        for (Given given : longestFirst) {
            masked = Pattern.compile("(?<![^" + ARGUMENT_EDGE + "])" + Pattern.quote(given.argument()) + "(?![^" + ARGUMENT_EDGE + "])")
                    .matcher(masked).replaceAll(Matcher.quoteReplacement(given.masked()));
        }
        for (Given given : longestFirst) {
            for (String form : forms(given.value())) {
                masked = Secret.of(form).scrub(masked);
            }
        }
        return JdbcUrls.redact(masked);
    }

    /** The value as given and as it reads URL-encoded (a space as {@code +} or {@code %20}). */
    private static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(encoded);
        forms.add(encoded.replace("+", "%20"));
        return forms;
    }
}
