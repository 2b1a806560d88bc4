package dev.flotilla.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code ${name}} placeholders hold a secret, so that their values are masked wherever passwords are: a statement
 * quoting {@code ${db_password}} after it was replaced, a failing statement's error, a refused backfill line, a task's
 * log. A placeholder is secret when its name says so (it holds {@code password}, {@code passwd}, {@code pwd},
 * {@code passphrase}, {@code secret}, {@code token}, {@code apikey}, {@code api_key}, {@code access_key},
 * {@code private_key} or {@code credential}, in any case, with or without {@code _}, {@code -} or {@code .} between its
 * words), or when it is named in a list of its own (flotilla.yml's {@code secretPlaceholders}). Stateless.
 */
public final class SecretPlaceholders {
    /** The words of a secret's name, compared with the name lower-cased and its separators taken out. */
    private static final List<String> WORDS = List.of("passw", "pwd", "passphrase", "secret", "token", "apikey", "accesskey",
            "privatekey", "credential");

    private SecretPlaceholders() {
    }

    /** Whether a placeholder named {@code name} holds a secret by its name alone. */
    public static boolean namedLikeSecret(String name) {
        String plain = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        return WORDS.stream().anyMatch(plain::contains);
    }

    /**
     * The values of the placeholders of {@code values} that hold a secret: named like one, or named in {@code named}. Each
     * is a {@link Secret}, masked as a password is (a value shorter than {@value Secret#SHORTEST_SCRUBBED} characters
     * only where it stands apart, and not when a plain word or number: see {@link Secret#scrub}).
     */
    public static List<Secret> valuesIn(Map<String, String> values, Set<String> named) {
        List<Secret> secrets = new ArrayList<>();
        values.forEach((name, value) -> {
            if (value != null && !value.isEmpty() && (named.contains(name) || namedLikeSecret(name))) {
                secrets.add(Secret.of(value, "the placeholder ${" + name + "}"));
            }
        });
        return secrets;
    }

    /** {@code text} with the secret placeholders' values of {@code values} masked; see {@link #valuesIn}. */
    public static String scrub(String text, Map<String, String> values, Set<String> named) {
        String masked = text;
        for (Secret secret : valuesIn(values, named)) {
            masked = secret.scrub(masked);
        }
        return masked;
    }
}
