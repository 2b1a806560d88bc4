package dev.flotilla.cli;

import java.util.ArrayList;
import java.util.List;
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
    static final String MASK = "****";
    static final String ADVICE = " Pass a password by the name of the variable that holds it, --password-env VAR (or"
            + " --password-file FILE); never on the command line.";

    private SecretArguments() {
    }

    /** The secret values among {@code args}. */
    static List<String> in(String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (equals > 0 && SECRET_OPTION.matcher(arg.substring(0, equals)).matches()) {
                secrets.add(arg.substring(equals + 1));
            } else if (SECRET_OPTION.matcher(arg).matches() && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                secrets.add(args[++i]);
            } else if (arg.startsWith("-p") && !arg.startsWith("--") && arg.length() > 2) {
                secrets.add(arg.substring(2));
            }
        }
        secrets.removeIf(String::isEmpty);
        return secrets;
    }

    /** {@code message} with every secret value of {@code args} masked. */
    static String masked(String message, List<String> secrets) {
        String masked = message;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
