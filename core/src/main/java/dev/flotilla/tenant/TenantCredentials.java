package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.ChildEnvironment;
import dev.flotilla.target.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tenant's own login, as the control plane keeps it: the database user and where its password is read, the name of
 * an environment variable or the path of a file, never the password itself. {@link #NONE} when the tenant logs in as
 * the tenancy does. A variable named here is kept from every program Flotilla starts (hooks, pg_dump...) from the
 * moment it is named. Immutable.
 *
 * @param user the user, or null to log in as the tenancy's (or its URL's {@code user=})
 * @param passwordEnv the variable holding the password, or null
 * @param passwordFile the file whose first line is the password, or null; with {@code user} and neither source, the
 *     tenant's user logs in without a password (never with the tenancy's)
 */
public record TenantCredentials(String user, String passwordEnv, String passwordFile) {
    public static final TenantCredentials NONE = new TenantCredentials(null, null, null);
    /** The longest user, variable name and file path the control plane keeps. */
    public static final int USER_LENGTH = 100;
    public static final int VARIABLE_LENGTH = 200;
    public static final int FILE_LENGTH = 1000;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public TenantCredentials {
        user = blankToNull(user);
        passwordEnv = blankToNull(passwordEnv);
        passwordFile = blankToNull(passwordFile);
        if (passwordEnv != null && passwordFile != null) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Give a tenant's password one way: a variable (--password-env,"
                    + " \"passwordEnv\") or a file (--password-file, \"passwordFile\"), not both.");
        }
        if (passwordEnv != null) {
            requireVariableName(passwordEnv);
            ChildEnvironment.withhold(passwordEnv);
        }
        requireLength(user, USER_LENGTH, "user");
        requireLength(passwordFile, FILE_LENGTH, "password file's path");
    }

    /** Whether the tenant logs in as the tenancy does. */
    public boolean isEmpty() {
        return user == null && passwordEnv == null && passwordFile == null;
    }

    /**
     * What listings may show of the login, by the keys the API and {@code --json} use: {@code user}, {@code passwordEnv},
     * {@code passwordFile}, each only when set (none for {@link #NONE}). Never a password: none is held here.
     */
    public Map<String, String> shown() {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        if (user != null) {
            shown.put("user", user);
        }
        if (passwordEnv != null) {
            shown.put("passwordEnv", passwordEnv);
        }
        if (passwordFile != null) {
            shown.put("passwordFile", passwordFile);
        }
        return shown;
    }

    /** Whether a password is to be read for the tenant (from a variable or a file). */
    public boolean hasPasswordSource() {
        return passwordEnv != null || passwordFile != null;
    }

    /**
     * The password of {@code tenant} read from its variable (in {@code environment}) or file; null when neither is named.
     * One that cannot be read is {@link Secret#unavailable}: the tenant's connections fail, naming the tenant and the
     * variable or file (never a value), and the rest of the fleet goes on.
     */
    public Secret password(TenantId tenant, Map<String, String> environment) {
        if (passwordEnv != null) {
            String value = environment.get(passwordEnv);
            return value != null ? Secret.of(value, "the environment variable " + passwordEnv + " (tenant " + tenant + ")")
                    : Secret.unavailable("The environment variable " + passwordEnv + " holding the password of tenant " + tenant
                    + " is not set. Export it before running flotilla, or change the tenant's login with `flotilla tenants"
                    + " set-credentials " + tenant + "`.");
        }
        if (passwordFile != null) {
            try {
                String content = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
                return Secret.of(content.lines().findFirst().orElse(""), "the file " + passwordFile + " (tenant " + tenant + ")");
            } catch (IOException | RuntimeException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
                return Secret.unavailable("Cannot read the password file " + passwordFile + " of tenant " + tenant + ": " + why
                        + ". Restore it, or change the tenant's login with `flotilla tenants set-credentials " + tenant + "`.");
            }
        }
        return null;
    }

    /** These credentials with the password file, when relative, resolved against {@code home} (the folder of flotilla.yml). */
    TenantCredentials resolvedIn(Path home) {
        if (passwordFile == null || home == null || Path.of(passwordFile).isAbsolute()) {
            return this;
        }
        return new TenantCredentials(user, passwordEnv, home.resolve(passwordFile).normalize().toString());
    }

    /**
     * A value that cannot be a variable's name, or one mixing upper and lower case ({@code PgS3cret_xq91}), is more likely
     * the password given by mistake: it is refused, not quoted back, and never stored.
     */
    private static void requireVariableName(String variable) {
        boolean upper = !variable.equals(variable.toLowerCase(Locale.ROOT));
        boolean lower = !variable.equals(variable.toUpperCase(Locale.ROOT));
        if (!VARIABLE_NAME.matcher(variable).matches() || (upper && lower) || variable.length() > VARIABLE_LENGTH) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The tenant's password variable is not a variable name in one case"
                    + " (it may be a password given by mistake: it is not shown, nor stored). Give the name of the environment"
                    + " variable that holds the password, e.g. EU_DB_PASSWORD.");
        }
    }

    private static void requireLength(String value, int most, String what) {
        if (value != null && value.length() > most) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The tenant's " + what + " is " + value.length()
                    + " characters long; at most " + most + " are kept.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
