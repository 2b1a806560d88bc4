package dev.flotilla.target;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The variables of Flotilla's own environment that hold passwords, kept out of every program it starts (hooks,
 * pg_dump, mariadb-dump...): the ones the configuration or a flag names as a password's source ({@code passwordEnv},
 * {@code controlPlane.passwordEnv}, {@code --password-env}) and every {@code FLOTILLA_*PASSWORD*}. A client program
 * still gets the one password it needs, added by its caller after {@link #clean}. The environment is the process's,
 * so the list is too: thread-safe, and names are only ever added.
 */
public final class ChildEnvironment {
    private static final Pattern FLOTILLA_PASSWORD = Pattern.compile("(?i)FLOTILLA_.*PASSWORD.*");
    private static final Set<String> WITHHELD = ConcurrentHashMap.newKeySet();

    private ChildEnvironment() {
    }

    /** Keeps {@code variable} (it holds a password) out of the environment of every program started from now on. */
    public static void withhold(String variable) {
        if (variable != null && !variable.isBlank()) {
            WITHHELD.add(variable);
        }
    }

    /** Removes from {@code environment} (a ProcessBuilder's, copied from this process's) every variable holding a password. */
    public static void clean(Map<String, String> environment) {
        environment.keySet().removeIf(name -> WITHHELD.contains(name) || FLOTILLA_PASSWORD.matcher(name).matches());
    }
}
